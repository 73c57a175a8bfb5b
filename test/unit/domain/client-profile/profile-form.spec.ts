// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  addContactPerson,
  blockHasValues,
  clearBlock,
  contactFullName,
  emptyProfileForm,
  hiddenBlocksWithValues,
  moveLegacyPosition,
  removeContactPerson,
  setBlockShown,
  updateContactPerson,
  validateProfileForm,
  visibleBlocks,
  type ProfileForm,
} from '@/domain/client-profile'

function filledForm(): ProfileForm {
  let form = emptyProfileForm()
  for (const key of ['turnover', 'inn', 'companyInfo', 'address', 'contacts', 'position'] as const) {
    form = setBlockShown(form, key, true)
  }
  form = addContactPerson(form, 'p1')
  form = updateContactPerson(form, 'p1', { lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович', position: ' Директор ' })
  return {
    ...form,
    turnover: { value: '1 250,5', unit: 'THOUSAND_TONNES', year: 2025 },
    inn: '7707083893',
    companyInfo: 'Рыба и морепродукты',
    address: 'Москва, Косино',
    position: 'Коммерческий директор',
  }
}

describe('conditional blocks (P3)', () => {
  it('starts with every block hidden and nothing typed', () => {
    const form = emptyProfileForm()
    expect(visibleBlocks(form)).toEqual([])
    expect(hiddenBlocksWithValues(form)).toEqual([])
  })

  it('shows blocks in the form’s order when ticked', () => {
    const form = setBlockShown(setBlockShown(emptyProfileForm(), 'position', true), 'inn', true)
    expect(visibleBlocks(form)).toEqual(['inn', 'position'])
  })

  it('keeps the values of an unticked block and brings them back on a new tick', () => {
    const filled = filledForm()
    let form = filled
    for (const key of ['turnover', 'inn', 'companyInfo', 'address', 'contacts', 'position'] as const) {
      form = setBlockShown(form, key, false)
    }
    expect(visibleBlocks(form)).toEqual([])
    expect(hiddenBlocksWithValues(form)).toEqual(['turnover', 'inn', 'companyInfo', 'address', 'contacts', 'position'])
    for (const key of ['turnover', 'inn', 'companyInfo', 'address', 'contacts', 'position'] as const) {
      form = setBlockShown(form, key, true)
    }
    expect(form).toEqual(filled)
  })

  it('erases a block only on the explicit clear', () => {
    const filled = filledForm()
    for (const key of ['turnover', 'inn', 'companyInfo', 'address', 'contacts', 'position'] as const) {
      const cleared = clearBlock(filled, key)
      expect(cleared.shown[key]).toBe(false)
      expect(blockHasValues(cleared, key)).toBe(false)
      expect(blockHasValues(filled, key)).toBe(true)
      // Other blocks are untouched.
      expect(hiddenBlocksWithValues(cleared)).toEqual([])
      expect(visibleBlocks(cleared)).not.toContain(key)
    }
  })

  it('treats a partly filled turnover as having values', () => {
    const form = { ...emptyProfileForm(), turnover: { value: '', unit: null, year: 2024 } }
    expect(blockHasValues(form, 'turnover')).toBe(true)
  })

  it('saves a hidden block as its tick only, whatever the model holds', () => {
    const hidden = setBlockShown(setBlockShown(filledForm(), 'inn', false), 'turnover', false)
    const broken = { ...hidden, inn: '123', turnover: { value: 'много', unit: null, year: 1900 } }
    const result = validateProfileForm(broken, 2026)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.shown.inn).toBe(false)
    expect(result.value.shown.turnover).toBe(false)
    expect(result.value).not.toHaveProperty('inn')
    expect(result.value).not.toHaveProperty('turnover')
    expect(result.value.address).toBe('Москва, Косино')
  })

  it('saves visible blocks parsed and trimmed', () => {
    const result = validateProfileForm({ ...filledForm(), inn: ' 7707 083893 ', phone: ' +7 (495) 230-27-72 ', email: ' a@b.ru ' }, 2026)
    expect(result).toEqual({
      ok: true,
      value: {
        sector: null,
        profile: null,
        category: null,
        shown: { turnover: true, inn: true, companyInfo: true, address: true, contacts: true, position: true },
        turnover: { value: 1250.5, unit: 'THOUSAND_TONNES', year: 2025 },
        inn: '7707083893',
        companyInfo: 'Рыба и морепродукты',
        address: 'Москва, Косино',
        contacts: [{ key: 'p1', contactId: null, lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович', position: 'Директор' }],
        position: 'Коммерческий директор',
        phone: '+7 (495) 230-27-72',
        email: 'a@b.ru',
        remarksShown: false,
      },
    })
  })

  it('saves remarks only when their block is ticked', () => {
    const withRemarks = validateProfileForm({ ...emptyProfileForm(), remarksShown: true, remarks: '  позвонить  ' }, 2026)
    expect(withRemarks.ok && withRemarks.value.remarks).toBe('позвонить')
    const hidden = validateProfileForm({ ...emptyProfileForm(), remarks: 'скрыто' }, 2026)
    expect(hidden.ok && 'remarks' in hidden.value).toBe(false)
  })
})

describe('contact persons («добавить контактное лицо»)', () => {
  it('adds, edits and removes persons by key', () => {
    let form = addContactPerson(addContactPerson(emptyProfileForm(), 'a'), 'b')
    form = updateContactPerson(form, 'b', { firstName: 'Анна', contactId: 12 })
    expect(form.contacts.map((person) => [person.key, person.firstName, person.contactId])).toEqual([
      ['a', '', null],
      ['b', 'Анна', 12],
    ])
    form = removeContactPerson(form, 'a')
    expect(form.contacts.map((person) => person.key)).toEqual(['b'])
    expect(() => addContactPerson(form, 'b')).toThrow()
  })

  it('gives each person a position of their own; the legacy company position moves to one person', () => {
    let form = addContactPerson(addContactPerson({ ...emptyProfileForm(), position: ' Коммерческий директор ' }, 'a'), 'b')
    form = updateContactPerson(form, 'b', { position: 'Логист' })
    expect(form.contacts.map((person) => person.position)).toEqual(['', 'Логист'])
    const moved = moveLegacyPosition(form, 'a')
    expect(moved.contacts.map((person) => person.position)).toEqual(['Коммерческий директор', 'Логист'])
    expect(moved.position).toBe('')
    // Nothing to move, or nobody to move it to: the form stays.
    expect(moveLegacyPosition(moved, 'b')).toBe(moved)
    expect(moveLegacyPosition(form, 'nobody')).toBe(form)
    // «Очистить и скрыть» on «Должность» empties every person's position and the legacy value.
    const cleared = clearBlock(setBlockShown(form, 'position', true), 'position')
    expect(cleared.contacts.map((person) => person.position)).toEqual(['', ''])
    expect(cleared.position).toBe('')
    expect(blockHasValues(form, 'position')).toBe(true)
  })

  it('refuses a person’s position over 255 characters', () => {
    const form = updateContactPerson(addContactPerson(setBlockShown(emptyProfileForm(), 'contacts', true), 'a'), 'a', { lastName: 'Иванов', position: 'д'.repeat(256) })
    const result = validateProfileForm(form, 2026)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.errors)).toEqual(['contacts.0.position'])
  })

  it('writes a full name without gaps', () => {
    expect(contactFullName({ lastName: ' Петров ', firstName: '', middleName: 'Ильич' })).toBe('Петров Ильич')
  })
})
