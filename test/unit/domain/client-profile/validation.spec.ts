import { describe, expect, it } from 'vitest'
import {
  addContactPerson,
  cardSourceSchema,
  clientProfileMessages,
  emailSchema,
  emptyProfileForm,
  historyEventFromComment,
  historyEventToComment,
  innSchema,
  lookupMessage,
  newHistoryEvent,
  phoneSchema,
  setBlockShown,
  sortHistoryNewestFirst,
  validateHistoryEvent,
  validateProfileForm,
  validateWith,
  type ProfileForm,
} from '@/domain/client-profile'

function errorsOf(form: ProfileForm): Record<string, string> {
  const result = validateProfileForm(form, 2026)
  return result.ok ? {} : result.errors
}

const shown = (key: Parameters<typeof setBlockShown>[1], patch: Partial<ProfileForm> = {}) => ({
  ...setBlockShown(emptyProfileForm(), key, true),
  ...patch,
})

const reported = new Set<string>()
function expectError(form: ProfileForm, path: string, key: string) {
  expect(errorsOf(form)[path]).toBe(key)
  reported.add(key)
}

describe('profile validation messages', () => {
  it('checks the INN when its block is shown', () => {
    expectError(shown('inn', { inn: '' }), 'inn', 'kosProfile.innRequired')
    expectError(shown('inn', { inn: '77070838a3' }), 'inn', 'kosProfile.innDigits')
    expectError(shown('inn', { inn: '77070838' }), 'inn', 'kosProfile.innLength')
    expectError(shown('inn', { inn: '0000000000' }), 'inn', 'kosProfile.innRegion')
    expectError(shown('inn', { inn: '7707083894' }), 'inn', 'kosProfile.innChecksum')
    expect(errorsOf(shown('inn', { inn: '500100732259' }))).toEqual({})
  })

  it('checks phone and e-mail, which are always shown but optional', () => {
    expectError({ ...emptyProfileForm(), phone: '230-27-72' }, 'phone', 'kosProfile.phoneInvalid')
    expectError({ ...emptyProfileForm(), phone: '+7 495 CALL-ME' }, 'phone', 'kosProfile.phoneInvalid')
    expectError({ ...emptyProfileForm(), phone: '+1234567890123456' }, 'phone', 'kosProfile.phoneInvalid')
    expectError({ ...emptyProfileForm(), email: 'order@' }, 'email', 'kosProfile.emailInvalid')
    expect(errorsOf({ ...emptyProfileForm(), phone: '8 (800) 222-53-76', email: 'order@pinall.ru' })).toEqual({})
    expect(errorsOf(emptyProfileForm())).toEqual({})
    expect(phoneSchema.safeParse('+74952302772').success).toBe(true)
    expect(emailSchema.safeParse('  ').success).toBe(true)
  })

  it('checks the turnover value, unit and year', () => {
    const turnover = (value: string, unit: 'RUBLE' | null, year: number | null) => shown('turnover', { turnover: { value, unit, year } })
    expectError(turnover('', 'RUBLE', 2026), 'turnover.value', 'kosProfile.turnoverRequired')
    expectError(turnover('12,5,1', 'RUBLE', 2026), 'turnover.value', 'kosProfile.turnoverNotNumber')
    expectError(turnover('1e5', 'RUBLE', 2026), 'turnover.value', 'kosProfile.turnoverNotNumber')
    expectError(turnover('0', 'RUBLE', 2026), 'turnover.value', 'kosProfile.turnoverNotPositive')
    expectError(turnover('-3', 'RUBLE', 2026), 'turnover.value', 'kosProfile.turnoverNotPositive')
    expectError(turnover('5', null, 2026), 'turnover.unit', 'kosProfile.turnoverUnitRequired')
    expectError(turnover('5', 'RUBLE', null), 'turnover.year', 'kosProfile.turnoverYearRequired')
    expectError(turnover('5', 'RUBLE', 2027), 'turnover.year', 'kosProfile.turnoverYearNotInList')
    expectError(turnover('5', 'RUBLE', 2016), 'turnover.year', 'kosProfile.turnoverYearNotInList')
    expect(errorsOf(turnover('5', 'RUBLE', 2017))).toEqual({})
  })

  it('requires text in shown text blocks and a name per contact person', () => {
    expectError(shown('companyInfo', { companyInfo: '  ' }), 'companyInfo', 'kosProfile.required')
    expectError(shown('address'), 'address', 'kosProfile.required')
    expectError(shown('position'), 'position', 'kosProfile.required')
    expectError(shown('contacts'), 'contacts', 'kosProfile.contactsRequired')
    const nameless = addContactPerson(shown('contacts'), 'p1')
    expectError({ ...nameless, contacts: [{ ...nameless.contacts[0]!, middleName: 'Ильич' }] }, 'contacts.0.firstName', 'kosProfile.contactNameRequired')
    expect(errorsOf({ ...nameless, contacts: [{ ...nameless.contacts[0]!, lastName: 'Петров' }] })).toEqual({})
  })

  it('refuses codes outside the directories', () => {
    expectError({ ...emptyProfileForm(), sector: 'SECTOR_9' as never }, 'sector', 'kosProfile.unknownValue')
    expectError({ ...emptyProfileForm(), profile: 'ASTRONAUT' }, 'profile', 'kosProfile.unknownValue')
    expectError({ ...emptyProfileForm(), category: 'TOYS' }, 'category', 'kosProfile.unknownValue')
    expect(errorsOf({ ...emptyProfileForm(), sector: 'SECTOR_VED', profile: 'HORECA', category: 'FISH' })).toEqual({})
  })

  it('reports every failing field at once', () => {
    const form = { ...shown('inn', { inn: '1' }), phone: 'x', email: 'y' }
    expect(Object.keys(errorsOf(form)).sort()).toEqual(['email', 'inn', 'phone'])
  })

  it('exposes the INN schema on its own', () => {
    expect(innSchema.parse('7707 083 893')).toBe('7707083893')
  })
})

describe('history events (P7)', () => {
  it('starts today and validates type, comment and date', () => {
    const event = newHistoryEvent(new Date(2026, 2, 5, 23, 30))
    expect(event).toEqual({ type: 'LEAD_OR_CARD', comment: '', date: '2026-03-05', files: [] })
    const missing = validateHistoryEvent(event)
    expect(missing.ok ? {} : missing.errors).toEqual({ comment: 'kosProfile.historyCommentRequired' })
    reported.add('kosProfile.historyCommentRequired')
    const badDate = validateHistoryEvent({ ...event, comment: 'Звонок', date: '2026-02-30' })
    expect(badDate.ok ? {} : badDate.errors).toEqual({ date: 'kosProfile.dateInvalid' })
    reported.add('kosProfile.dateInvalid')
    const badType = validateHistoryEvent({ ...event, comment: 'Звонок', type: 'PARTY' as never })
    expect(badType.ok ? {} : badType.errors).toEqual({ type: 'kosProfile.unknownValue' })
    expect(validateHistoryEvent({ ...event, comment: ' Звонок ', files: ['a.pdf'] })).toEqual({
      ok: true,
      value: { ...event, comment: 'Звонок', files: ['a.pdf'] },
    })
  })

  it('round-trips an event through a timeline comment', () => {
    const event = { type: 'AFTER_SALES' as const, comment: 'Интересующие услуги:\nхранение', date: '2026-03-15', files: ['x.pdf'] }
    const text = historyEventToComment(event)
    expect(text).toBe('[После продажное сопровождение] 2026-03-15\nИнтересующие услуги:\nхранение')
    expect(historyEventFromComment(text, ['x.pdf'])).toEqual(event)
    expect(historyEventFromComment('Просто комментарий')).toBeNull()
    expect(historyEventFromComment('[Неизвестно] 2026-03-15\nтекст')).toBeNull()
  })

  it('sorts newest first', () => {
    const events = [{ date: '2026-01-02' }, { date: '2026-03-01' }, { date: '2025-12-31' }]
    expect(sortHistoryNewestFirst(events).map((event) => event.date)).toEqual(['2026-03-01', '2026-01-02', '2025-12-31'])
  })
})

describe('card source (P4)', () => {
  it('needs text for a card made by hand', () => {
    const result = validateWith(cardSourceSchema, { kind: 'MANUAL', text: ' ' })
    expect(result.ok ? {} : result.errors).toEqual({ text: 'kosProfile.sourceRequired' })
    reported.add('kosProfile.sourceRequired')
    expect(validateWith(cardSourceSchema, { kind: 'WEB_FORM' }).ok).toBe(true)
  })
})

describe('message texts', () => {
  it('has a Russian and an English text for every key, and the same keys in both', () => {
    const ruKeys = Object.keys(clientProfileMessages.ru.kosProfile).sort()
    expect(Object.keys(clientProfileMessages.en.kosProfile).sort()).toEqual(ruKeys)
    for (const key of reported) {
      expect(lookupMessage(clientProfileMessages.ru, key), key).toBeTruthy()
      expect(lookupMessage(clientProfileMessages.en, key), key).toBeTruthy()
    }
    reported.add('kosProfile.unknownValue')
    // Every message has a path that reports it (all tests above ran first).
    expect([...reported].sort()).toEqual(ruKeys.map((key) => `kosProfile.${key}`).sort())
  })
})
