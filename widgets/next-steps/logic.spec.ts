import { describe, expect, it } from 'vitest'
import { DEFAULT_PLAYBOOK, stageTasksPlan } from '@/domain/playbook'
import type { TaskToCreate } from '@/domain/playbook'
import { enumMapsFrom, readPlaybookFields, toFormValues, toRestFields, validateForm } from '@/b24/deal-screen/deal-fields'
import type { DealDto, DepartmentDto, UserFieldDto } from '@/b24/deal-screen/dto'
import { resolveHead } from '@/b24/deal-screen/head'
import { playbookFromOptions, PLAYBOOK_OPTION } from '@/b24/deal-screen/playbook-option'
import { stageTask, tagOf, toDealTask } from '@/b24/deal-screen/tasks'

// department.get rows: IDs as strings, UF_HEAD the head (b24restdocs api-reference/departments/department-get.md).
const departments: DepartmentDto[] = [
  { ID: '1', NAME: 'Компания', UF_HEAD: '1' },
  { ID: '2', NAME: 'Отдел продаж', PARENT: '1', UF_HEAD: '2' },
  { ID: '3', NAME: 'Без руководителя', PARENT: '2' },
]

describe('resolveHead (N3)', () => {
  it('is the head of the user’s department', () => {
    expect(resolveHead(3, ['2'], departments)).toBe(2)
  })
  it('goes up when the user heads the department themselves', () => {
    expect(resolveHead(2, [2], departments)).toBe(1)
  })
  it('goes up past a department with no head', () => {
    expect(resolveHead(4, ['3'], departments)).toBe(2)
  })
  it('is null at the top or without a department', () => {
    expect(resolveHead(1, ['1'], departments)).toBeNull()
    expect(resolveHead(3, [], departments)).toBeNull()
  })
})

// crm.deal.userfield.list: LIST items with ID and XML_ID (b24restdocs crm/deals/user-defined-fields/crm-deal-userfield-list.md).
const userFields: UserFieldDto[] = [
  {
    FIELD_NAME: 'UF_CRM_LMS_CONTRACT_ANSWER',
    USER_TYPE_ID: 'enumeration',
    LIST: [
      { ID: '51', XML_ID: 'Y', VALUE: 'Да' },
      { ID: '52', XML_ID: 'N', VALUE: 'Нет' },
    ],
  },
  {
    FIELD_NAME: 'UF_CRM_LMS_DELIVERY_CONDITION',
    USER_TYPE_ID: 'enumeration',
    LIST: [
      { ID: '41', XML_ID: 'pickup', VALUE: 'Самовывоз' },
      { ID: '42', XML_ID: 'carrier', VALUE: 'Доставка транспортной компанией' },
    ],
  },
]
// crm.deal.get: user fields as the legacy method returns them (b24restdocs crm/deals/crm-deal-get.md).
const deal: DealDto = {
  ID: '7',
  TITLE: 'Подшипники',
  CATEGORY_ID: '1',
  STAGE_ID: 'C1:PICKING',
  OPPORTUNITY: '100000.00',
  CURRENCY_ID: 'RUB',
  ASSIGNED_BY_ID: '3',
  UF_CRM_LMS_PAID_AMOUNT: '60000|RUB',
  UF_CRM_LMS_DELIVERY_CONDITION: '41',
  UF_CRM_LMS_CONTRACT_ANSWER: '52',
  UF_CRM_LMS_PRODUCT_RESERVED: '1',
  UF_CRM_LMS_KP_FEEDBACK_DATE: '2026-03-05T13:00:00+03:00',
  UF_CRM_LMS_TRACK_NUMBER: null,
}

describe('deal fields between REST, the engine and the form', () => {
  const maps = enumMapsFrom(userFields)
  it('reads money as minor units, enums as codes, booleans, dates as ISO', () => {
    const fields = readPlaybookFields(deal, maps)
    expect(fields.paidAmount).toBe(6_000_000)
    expect(fields.deliveryCondition).toBe('pickup')
    expect(fields.contractNeeded).toBe('N')
    // Nobody answered «Нужен ли договор» yet: unknown, never «нет».
    expect(readPlaybookFields({ ...deal, UF_CRM_LMS_CONTRACT_ANSWER: null }, maps).contractNeeded).toBeNull()
    expect(fields.productReserved).toBe(true)
    expect(fields.kpFeedbackDate).toBe('2026-03-05T10:00:00.000Z')
    expect(fields.trackNumber).toBeNull()
  })

  it('refuses bad input with a message in both languages, before anything is sent', () => {
    const errors = validateForm({ paidAmount: 'шестьдесят', readinessDate: '2026-13-40', deliveryCondition: 'teleport', trackNumber: 'CDEK-1' }, [
      'paidAmount',
      'readinessDate',
      'deliveryCondition',
      'trackNumber',
    ])
    expect(Object.keys(errors).sort()).toEqual(['deliveryCondition', 'paidAmount', 'readinessDate'])
    expect(errors.paidAmount?.ru).toMatch(/сумму/)
    expect(errors.paidAmount?.en).toMatch(/amount/)
    expect(validateForm({ paidAmount: '-5' }, ['paidAmount']).paidAmount?.ru).toMatch(/отрицательной/)
  })

  it('writes money with the currency, enums as item IDs, booleans as 1/0', () => {
    const fields = toRestFields({ paidAmount: '100 000,5', deliveryCondition: 'carrier', originalsReceived: true, trackNumber: ' 123 ' }, maps, 'RUB')
    expect(fields.ok && fields.fields).toEqual({
      UF_CRM_LMS_PAID_AMOUNT: '100000.50|RUB',
      UF_CRM_LMS_DELIVERY_CONDITION: '42',
      UF_CRM_LMS_ORIGINALS_RECEIVED: 1,
      UF_CRM_LMS_TRACK_NUMBER: '123',
    })
  })

  it('round-trips a date through the datetime-local form', () => {
    const form = toFormValues(readPlaybookFields(deal, maps), ['kpFeedbackDate'])
    const fields = toRestFields(form, maps, 'RUB')
    expect(fields.ok && fields.fields.UF_CRM_LMS_KP_FEEDBACK_DATE).toBe('2026-03-05T10:00:00.000Z')
  })

  it('never writes a list code: a value missing from the portal’s list is refused with a message', () => {
    // The portal refuses XML_ID codes in an enumeration field (b24restdocs crm/data-types.md: the item's ID).
    const refused = toRestFields({ deliveryCondition: 'own_transport', complexity: 'complex' }, maps, 'RUB')
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(Object.keys(refused.errors)).toEqual(['deliveryCondition', 'complexity'])
    expect(refused.errors.deliveryCondition?.ru).toMatch(/нет в списке поля на портале/)
    expect(refused.errors.deliveryCondition?.en).toMatch(/has no such value/)
    const cleared = toRestFields({ deliveryCondition: '' }, maps, 'RUB')
    expect(cleared.ok && cleared.fields).toEqual({ UF_CRM_LMS_DELIVERY_CONDITION: '' })
  })

  it('refuses money in 1e5 notation, beyond 10^12 ₽ or with three decimals, a date outside its window and a long text', () => {
    const now = new Date(2026, 11, 6, 12, 0)
    const errors = validateForm(
      { paidAmount: '1e5', readinessDate: '2999-01-01T10:00', kpFeedbackDate: '2019-05-01T10:00', trackNumber: 'x'.repeat(256) },
      ['paidAmount', 'readinessDate', 'kpFeedbackDate', 'trackNumber'],
      now,
    )
    expect(errors.paidAmount?.ru).toMatch(/Введите сумму/)
    expect(errors.readinessDate?.ru).toBe('Дата вне допустимого периода: с 06.12.2025 по 06.12.2031')
    expect(errors.readinessDate?.en).toBe('The date is out of range: from 06/12/2025 to 06/12/2031')
    expect(errors.kpFeedbackDate?.ru).toMatch(/вне допустимого периода/)
    expect(errors.trackNumber?.ru).toBe('Не длиннее 255 символов')
    expect(validateForm({ paidAmount: '1 000 000 000 000,01' }, ['paidAmount'], now).paidAmount?.ru).toMatch(/не больше 1 000 000 000 000/)
    expect(validateForm({ paidAmount: '1000000000000000' }, ['paidAmount'], now).paidAmount?.ru).toMatch(/не больше/)
    expect(validateForm({ paidAmount: '10,005' }, ['paidAmount'], now).paidAmount?.ru).toBe('Не больше двух знаков после запятой')
    expect(validateForm({ readinessDate: '2027-02-31T10:00' }, ['readinessDate'], now).readinessDate?.ru).toBe('Введите дату и время')
    expect(validateForm({ paidAmount: '1 000 000 000 000', readinessDate: '2030-05-20T12:00', trackNumber: 'x'.repeat(255) }, ['paidAmount', 'readinessDate', 'trackNumber'], now)).toEqual({})
    expect(validateForm({ paidAmount: '0' }, ['paidAmount'], now)).toEqual({})
  })
})

describe('tasks and their idempotency keys (N4)', () => {
  const key = 'pb:7:goods:picking:final-payment:0'
  const wanted: TaskToCreate = {
    key,
    stepId: 'final-payment',
    title: 'Получить окончательный расчет',
    responsibleId: 3,
    auditorIds: [2],
    deadline: '2026-03-08T10:00:00.000Z',
    description: 'Комплектация: Получить окончательный расчет',
  }

  it('stores the playbook’s key in the description, binds the deal and sets the head as auditor', () => {
    const plan = stageTasksPlan({ planId: 'p', dealId: 7, tasks: [stageTask(7, wanted, 3)], now: new Date() })
    const [step] = plan.steps
    // The step's key is the playbook's key, so a task made earlier under it is found (tasks.task.list by binding).
    expect(step!.key).toBe(key)
    expect(step!.method).toBe('tasks.task.add')
    const fields = step!.params.fields as Record<string, unknown>
    expect(fields).toMatchObject({ TITLE: wanted.title, RESPONSIBLE_ID: 3, AUDITORS: [2], UF_CRM_TASK: ['D_7'], DEADLINE: wanted.deadline })
    expect(tagOf(String(fields.DESCRIPTION))).toBe(key)
    expect(step!.find?.params.filter).toEqual({ UF_CRM_TASK: 'D_7' })
    expect(plan.scope).toBe('deal:7:tasks')
  })

  it('reads tasks.task.list rows (camelCase, strings) with their key as tag', () => {
    // b24restdocs api-reference/tasks/tasks-task-list.md
    const task = toDealTask({ id: '15', title: wanted.title, description: `x\n\n[b24app:${key}]`, status: '5', createdDate: '2026-03-05T10:00:00+03:00', closedDate: null, deadline: null, responsibleId: '3' })
    expect(task).toMatchObject({ id: 15, status: 5, responsibleId: 3, tag: key })
  })
})

describe('the playbook in force (N7)', () => {
  it('uses a valid stored playbook', () => {
    const custom = { ...DEFAULT_PLAYBOOK, pipelines: [DEFAULT_PLAYBOOK.pipelines[0]!] }
    const found = playbookFromOptions({ [PLAYBOOK_OPTION]: JSON.stringify(custom) })
    expect(found.source).toBe('option')
    expect(found.playbook.pipelines).toHaveLength(1)
  })
  it('falls back to the default with the errors when the stored one is broken', () => {
    const found = playbookFromOptions({ [PLAYBOOK_OPTION]: '{"version":2}' })
    expect(found.source).toBe('default')
    expect(found.playbook).toBe(DEFAULT_PLAYBOOK)
    expect(found.errors[0]?.path).toBe('version')
  })
  it('uses the default when none is stored', () => {
    expect(playbookFromOptions({})).toMatchObject({ source: 'default', errors: [] })
  })
})

describe('the playbook’s fixed roles from settings', () => {
  it('reads the product manager and roles, and ignores a broken option', async () => {
    const { peopleFromOptions, withRoles } = await import('@/b24/deal-screen/people-option')
    const people = peopleFromOptions({ playbookPeople: '{"productManagerId":5,"roles":{"executor":3}}' })
    expect(withRoles({ headId: 2 }, people)).toEqual({ headId: 2, productManagerId: 5, roles: { executor: 3 } })
    expect(peopleFromOptions({ playbookPeople: '{oops' })).toEqual({})
    expect(peopleFromOptions({ playbookPeople: '{"productManagerId":-1}' })).toEqual({})
  })
})
