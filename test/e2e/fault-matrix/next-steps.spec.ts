import { afterAll, beforeAll } from 'vitest'
import { PLAYBOOK_FIELDS } from '../../../src/domain/fields/playbook'
import { startAppSession, type AppSession } from '../helpers/app-session'
import { chooseOption, fillDate, optionLabel } from '../helpers/kit-controls'
import { describeFaultMatrix, FAULT_NOISE, type MatrixWrite } from './write-cells'

/*
 * «Следующий шаг» × the six portal faults, for the writes a person starts there: the stage's
 * tasks («Поставить задачи стадии»: tasks.task.add keyed by the playbook's task key; the fault on
 * tasks.task.add) and the key fields (compare-and-set on the deal, then crm.deal.update; the fault
 * on crm.deal.update). Each cell takes a fresh deal of the «Товары» pipeline. Shapes: b24restdocs
 * tasks-task-list.md, crm-deal-get.md, crm-deal-userfield-list.md, crm-category-add.md, crm-status-add.md.
 */

const HEAD = 2
const MANAGER = 3
const TAB = 'Следующий шаг'
const TASK = 'Выполнить Экспресс-идентификацию'

let session: AppSession
let categoryId = 0
const stageIds = new Map<string, string>()

const rest = <T,>(method: string, params: Record<string, unknown>) => session.rest<T>(method, params)

beforeAll(async () => {
  session = await startAppSession({ limits: false, ignoreErrors: FAULT_NOISE, fakeClock: true })
  // The pipeline the default playbook knows, with the two stages the cells use.
  ;({ category: { id: categoryId } } = await rest<{ category: { id: number } }>('crm.category.add', { entityTypeId: 2, fields: { name: 'Товары' } }))
  for (const [index, name] of ['Экспресс-идентификация', 'Счет/КП'].entries()) {
    const statusId = `C${categoryId}:MX${index}`
    await rest('crm.status.add', { fields: { ENTITY_ID: `DEAL_STAGE_${categoryId}`, STATUS_ID: statusId, NAME: name, SORT: 1000 + index * 10 } })
    stageIds.set(name, statusId)
  }
  await session.actAs(HEAD)
})

afterAll(async () => {
  await session?.close()
})

async function newDeal(stage: string, title: string): Promise<number> {
  return session.restAs<number>(MANAGER, 'crm.deal.add', {
    fields: { TITLE: title, CATEGORY_ID: categoryId, STAGE_ID: stageIds.get(stage)!, OPPORTUNITY: 90000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: MANAGER },
  })
}

/** Opens the tab and waits until it has read the deal and settled. */
async function openDeal(dealId: number) {
  const frame = await session.openTab('deal', dealId, TAB)
  await frame.waitForFunction(() => {
    const root = document.querySelector('[data-testid=next-steps]')
    return root?.getAttribute('data-busy') === 'no' && Number(root.getAttribute('data-loads')) > 0
  }, undefined, { timeout: 30_000 })
  return frame
}

async function itemId(field: string, code: string): Promise<string> {
  const [row] = await rest<{ LIST: { ID: string; XML_ID: string }[] }[]>('crm.deal.userfield.list', { filter: { FIELD_NAME: field } })
  return row!.LIST.find((item) => item.XML_ID === code)!.ID
}

const WRITES: MatrixWrite[] = [
  {
    name: 'stage tasks',
    method: 'tasks.task.add',
    testIds: { done: 'create-result', plans: 'task-plans', error: ['action-error'], button: 'create-tasks' },
    async prepare(fault) {
      const dealId = await newDeal('Экспресс-идентификация', `Матрица: задачи, ${fault}`)
      const frame = await openDeal(dealId)
      return {
        frame,
        readBack: async () => {
          const { tasks } = await rest<{ tasks: { title: string; description: string; auditors: string[] }[] }>('tasks.task.list', {
            filter: { UF_CRM_TASK: `D_${dealId}` },
            select: ['ID', 'TITLE', 'DESCRIPTION', 'AUDITORS'],
          })
          const made = tasks.filter((task) => task.title === TASK)
          return {
            lost: made.length === 0 ? 1 : 0,
            doubled: Math.max(0, made.length - 1),
            // Each task carries its playbook key (found again by it) and the head as auditor.
            consistent: made.every((task) => /\[b24app:pb:/.test(task.description) && task.auditors.includes(String(HEAD))),
          }
        },
      }
    },
  },
  {
    name: 'key fields',
    method: 'crm.deal.update',
    testIds: { done: 'fields-saved', plans: 'key-fields', error: [], button: 'save-fields' },
    async prepare(fault) {
      const dealId = await newDeal('Счет/КП', `Матрица: поля, ${fault}`)
      const frame = await openDeal(dealId)
      await chooseOption(frame, frame.locator('[data-testid=field-complexity]'), optionLabel(PLAYBOOK_FIELDS.complexity.options, 'complex'))
      await fillDate(frame.locator('[data-testid=field-kpFeedbackDate]'), '2027-03-01T10:00')
      const complex = await itemId(PLAYBOOK_FIELDS.complexity.fieldName, 'complex')
      return {
        frame,
        readBack: async () => {
          const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
          const complexity = deal[PLAYBOOK_FIELDS.complexity.fieldName] === complex
          const date = Boolean(deal[PLAYBOOK_FIELDS.kpFeedbackDate.fieldName])
          return {
            lost: (complexity ? 0 : 1) + (date ? 0 : 1),
            doubled: 0,
            // One update carries both fields: never one without the other.
            consistent: complexity === date,
          }
        },
      }
    },
  },
]

describeFaultMatrix('fault matrix: «Следующий шаг»', () => session, WRITES)
