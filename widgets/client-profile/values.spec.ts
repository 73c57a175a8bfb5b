// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { emptyProfileForm, validateProfileForm } from '@/domain/client-profile'
import { CLIENT_PROFILE_FIELDS as F } from '@/domain/fields/client-profile'
import type { CompanyRow } from './dto'
import { toEnumMap } from './enums'
import { companyToValues, companyUpdateFields, formToValues, legacyPositionClear, planContactOps, valuesToForm, type ProfileEnums } from './values'

// Company UF shapes as crm.company.get returns them (legacy: strings, booleans '1'/'0'):
// b24restdocs api-reference/crm/companies/crm-company-get.md, crm/data-types.md (crm_multifield).
const enums: ProfileEnums = {
  sector: toEnumMap([{ ID: '11', XML_ID: 'SECTOR_1' }, { ID: '13', XML_ID: 'SECTOR_3' }]),
  profile: toEnumMap([{ ID: '21', XML_ID: 'HOTEL' }]),
  category: toEnumMap([]),
  turnoverUnit: toEnumMap([{ ID: '31', XML_ID: 'RUBLE' }]),
  status: toEnumMap([{ ID: '41', XML_ID: 'NEW' }]),
  subStatus: toEnumMap([]),
  sourceKind: toEnumMap([]),
}

const company = (uf: Record<string, unknown>): CompanyRow => ({
  id: 5, title: 'ООО «Тест»', dateCreate: '', dateModify: '', assignedById: 3,
  phones: [{ id: 77, value: '+7 495 000-00-00' }], emails: [], uf,
})

describe('profile values ↔ company fields', () => {
  it('reads the portal’s fields into draft values, hidden blocks included', () => {
    const values = companyToValues(company({ [F.sector.fieldName]: '13', [F.showAddress.fieldName]: '0', [F.address.fieldName]: 'Москва', [F.turnover.fieldName]: '1250.5', [F.turnoverUnit.fieldName]: '31', [F.turnoverYear.fieldName]: '2025' }), [{ id: 9, lastName: 'Петров', firstName: 'Пётр', middleName: '', position: 'Директор' }], enums)
    const { form } = valuesToForm(values)
    expect(form.sector).toBe('SECTOR_3')
    expect(form.shown.address).toBe(false)
    expect(form.address).toBe('Москва')
    expect(form.turnover).toEqual({ value: '1250.5', unit: 'RUBLE', year: 2025 })
    expect(form.contacts).toEqual([{ key: 'c9', contactId: 9, lastName: 'Петров', firstName: 'Пётр', middleName: '', position: 'Директор' }])
    expect(form.phone).toBe('+7 495 000-00-00')
  })

  it('writes only the changed keys; a hidden block sends its tick and keeps its value in the portal', () => {
    const form = { ...emptyProfileForm(), address: 'Новый адрес', phone: '' }
    const plan = validateProfileForm(form, 2026)
    if (!plan.ok) throw new Error('form should be valid')
    const fields = companyUpdateFields(plan.value, ['shown.address', 'address', 'phone'], enums, company({}), { source: '' })
    expect(fields).toEqual({ [F.showAddress.fieldName]: 0, PHONE: [{ ID: 77, VALUE: '', VALUE_TYPE: 'WORK' }] })
  })

  it('writes enumeration codes as the portal’s item IDs', () => {
    const plan = validateProfileForm({ ...emptyProfileForm(), sector: 'SECTOR_1' }, 2026)
    if (!plan.ok) throw new Error('form should be valid')
    expect(companyUpdateFields(plan.value, ['sector'], enums, company({}), { source: '' })).toEqual({ [F.sector.fieldName]: '11' })
  })

  it('plans contact persons as CRM contacts: add new, update renamed, unbind removed', () => {
    const ops = planContactOps(
      [
        { key: 'c1', contactId: 1, lastName: 'Иванов', firstName: 'Иван', middleName: '', position: 'Кладовщик' },
        { key: 'n1', contactId: null, lastName: 'Новая', firstName: 'Анна', middleName: '', position: '' },
      ],
      [
        { id: 1, lastName: 'Иванов', firstName: 'Ваня', middleName: '', position: '' },
        { id: 2, lastName: 'Ушедший', firstName: 'Олег', middleName: '', position: '' },
      ],
    )
    expect(ops).toEqual({
      add: [{ key: 'n1', lastName: 'Новая', firstName: 'Анна', middleName: '' }],
      update: [{ contactId: 1, lastName: 'Иванов', firstName: 'Иван', middleName: '' }],
      unlink: [2],
    })
  })

  it('writes each person’s own position to the contact’s POST only while the «Должность» block is shown', () => {
    const persons = [
      { key: 'c1', contactId: 1, lastName: 'Иванов', firstName: 'Иван', middleName: '', position: ' Директор ' },
      { key: 'c2', contactId: 2, lastName: 'Сидорова', firstName: 'Анна', middleName: '', position: 'Логист' },
      { key: 'n1', contactId: null, lastName: 'Новый', firstName: 'Олег', middleName: '', position: 'Кладовщик' },
    ]
    const server = [
      { id: 1, lastName: 'Иванов', firstName: 'Иван', middleName: '', position: '' },
      { id: 2, lastName: 'Сидорова', firstName: 'Анна', middleName: '', position: 'Логист' },
    ]
    expect(planContactOps(persons, server, true)).toEqual({
      add: [{ key: 'n1', lastName: 'Новый', firstName: 'Олег', middleName: '', position: 'Кладовщик' }],
      update: [{ contactId: 1, lastName: 'Иванов', firstName: 'Иван', middleName: '', position: 'Директор' }],
      unlink: [],
    })
    // Hidden: the names only, the portal keeps the positions it holds.
    expect(planContactOps(persons, server, false)).toEqual({ add: [{ key: 'n1', lastName: 'Новый', firstName: 'Олег', middleName: '' }], update: [], unlink: [] })
  })

  it('clears the legacy company position only when it was moved to a person and the company still holds it', () => {
    const held = company({ [F.position.fieldName]: 'Коммерческий директор' })
    const moved = { ...emptyProfileForm(), shown: { ...emptyProfileForm().shown, position: true }, position: '' }
    const plan = validateProfileForm(moved, 2026)
    if (!plan.ok) throw new Error('form should be valid')
    expect(legacyPositionClear(plan.value, ['contacts', 'position'], held)).toEqual({ [F.position.fieldName]: '' })
    expect(legacyPositionClear(plan.value, ['contacts'], held)).toBeNull()
    expect(legacyPositionClear(plan.value, ['position'], company({}))).toBeNull()
    // Never part of the guarded company update.
    expect(companyUpdateFields(plan.value, ['position', 'shown.position'], enums, held, { source: '' })).toEqual({ [F.showPosition.fieldName]: 1 })
  })

  it('round-trips a form through draft values', () => {
    const form = { ...emptyProfileForm(), sector: 'SECTOR_3' as const, remarksShown: true, remarks: 'x' }
    expect(valuesToForm(formToValues(form, { source: 'выставка' }))).toEqual({ form, extras: { source: 'выставка' } })
  })
})
