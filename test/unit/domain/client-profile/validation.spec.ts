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
  splitMessage,
  TEXT_LIMITS,
  validateAttachments,
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

/** An error with parameters (a limit, a file name): its key is reported, its parameters returned. */
function expectErrorWith(errors: Record<string, string>, path: string, key: string): Record<string, string | number> {
  const found = splitMessage(errors[path] ?? '')
  expect(found.key, `${path}: ${errors[path]}`).toBe(key)
  reported.add(key)
  return found.params
}

const TODAY = '2026-03-05'

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

  it('keeps the turnover in a sane range with at most two decimals', () => {
    const turnover = (value: string) => shown('turnover', { turnover: { value, unit: 'RUBLE', year: 2025 } })
    expectError(turnover('1000000000000,01'), 'turnover.value', 'kosProfile.turnoverTooLarge')
    expectError(turnover('1e15'), 'turnover.value', 'kosProfile.turnoverNotNumber')
    expectError(turnover('12,345'), 'turnover.value', 'kosProfile.turnoverDecimals')
    expect(errorsOf(turnover('1 000 000 000 000'))).toEqual({})
    expect(errorsOf(turnover('0,01'))).toEqual({})
  })

  it('gives every text field the portal’s length, counted in characters', () => {
    const long = (n: number) => 'ж'.repeat(n)
    const cases: [Parameters<typeof setBlockShown>[1], keyof typeof TEXT_LIMITS][] = [
      ['address', 'address'],
      ['companyInfo', 'companyInfo'],
    ]
    for (const [block, limit] of cases) {
      const max = TEXT_LIMITS[limit]
      expect(errorsOf(shown(block, { [block]: long(max) }))).toEqual({})
      expect(expectErrorWith(errorsOf(shown(block, { [block]: long(max + 1) })), block, 'kosProfile.tooLong')).toEqual({ max, length: max + 1 })
    }
    expectErrorWith(errorsOf(shown('address', { address: 'ы'.repeat(100_000) })), 'address', 'kosProfile.tooLong')
    // An emoji is one character, as the database counts it.
    expect(errorsOf(shown('address', { address: '🏠'.repeat(TEXT_LIMITS.address) }))).toEqual({})
    expectErrorWith(errorsOf({ ...emptyProfileForm(), remarksShown: true, remarks: long(TEXT_LIMITS.remarks + 1) }), 'remarks', 'kosProfile.tooLong')
    expectErrorWith(errorsOf({ ...emptyProfileForm(), phone: `+7 495 123-45-67${' '.repeat(20)}0` }), 'phone', 'kosProfile.tooLong')
    expectErrorWith(errorsOf({ ...emptyProfileForm(), email: `${'a'.repeat(250)}@x.ru` }), 'email', 'kosProfile.tooLong')
    const person = addContactPerson(shown('contacts'), 'p1')
    const named = (patch: object) => ({ ...person, contacts: [{ ...person.contacts[0]!, lastName: 'Петров', ...patch }] })
    expectErrorWith(errorsOf(named({ lastName: long(TEXT_LIMITS.contactName + 1) })), 'contacts.0.lastName', 'kosProfile.tooLong')
    expectErrorWith(errorsOf(named({ firstName: long(TEXT_LIMITS.contactName + 1) })), 'contacts.0.firstName', 'kosProfile.tooLong')
    expectErrorWith(errorsOf(named({ middleName: long(TEXT_LIMITS.contactName + 1) })), 'contacts.0.middleName', 'kosProfile.tooLong')
    expect(errorsOf(named({ firstName: long(TEXT_LIMITS.contactName) }))).toEqual({})
    // «Должность» belongs to each person (the contact's POST), 255 characters like the portal's one-line fields.
    expect(errorsOf(named({ position: long(TEXT_LIMITS.position) }))).toEqual({})
    expectErrorWith(errorsOf(named({ position: long(TEXT_LIMITS.position + 1) })), 'contacts.0.position', 'kosProfile.tooLong')
  })

  it('requires text in shown text blocks and a name per contact person', () => {
    expectError(shown('companyInfo', { companyInfo: '  ' }), 'companyInfo', 'kosProfile.required')
    expectError(shown('address'), 'address', 'kosProfile.required')
    // The company-level position is legacy and read-only: an empty one is no error.
    expect(errorsOf(shown('position'))).toEqual({})
    expectError(shown('contacts'), 'contacts', 'kosProfile.contactsRequired')
    const nameless = addContactPerson(shown('contacts'), 'p1')
    expectError({ ...nameless, contacts: [{ ...nameless.contacts[0]!, middleName: 'Ильич' }] }, 'contacts.0.firstName', 'kosProfile.contactNameRequired')
    expect(errorsOf({ ...nameless, contacts: [{ ...nameless.contacts[0]!, lastName: 'Петров' }] })).toEqual({})
    // Only spaces is no name: refused, not saved as nothing.
    expectError({ ...nameless, contacts: [{ ...nameless.contacts[0]!, lastName: '   ', firstName: ' \u00a0\t' }] }, 'contacts.0.firstName', 'kosProfile.contactNameRequired')
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
    const missing = validateHistoryEvent(event, TODAY)
    expect(missing.ok ? {} : missing.errors).toEqual({ comment: 'kosProfile.historyCommentRequired' })
    reported.add('kosProfile.historyCommentRequired')
    const badDate = validateHistoryEvent({ ...event, comment: 'Звонок', date: '2026-02-30' }, TODAY)
    expect(badDate.ok ? {} : badDate.errors).toEqual({ date: 'kosProfile.dateInvalid' })
    reported.add('kosProfile.dateInvalid')
    const badType = validateHistoryEvent({ ...event, comment: 'Звонок', type: 'PARTY' as never }, TODAY)
    expect(badType.ok ? {} : badType.errors).toEqual({ type: 'kosProfile.unknownValue' })
    expect(validateHistoryEvent({ ...event, comment: ' Звонок ', files: ['a.pdf'] }, TODAY)).toEqual({
      ok: true,
      value: { ...event, comment: 'Звонок', files: ['a.pdf'] },
    })
  })

  it('dates an event between 2000 and today, with a message instead of a clamp', () => {
    const event = { ...newHistoryEvent(new Date(2026, 2, 5)), comment: 'Звонок' }
    const errors = (date: string) => {
      const result = validateHistoryEvent({ ...event, date }, TODAY)
      return result.ok ? {} : result.errors
    }
    expect(expectErrorWith(errors('2999-01-01'), 'date', 'kosProfile.dateInFuture')).toEqual({ today: TODAY })
    expectErrorWith(errors('2026-03-06'), 'date', 'kosProfile.dateInFuture')
    expect(expectErrorWith(errors('1900-01-01'), 'date', 'kosProfile.dateTooOld')).toEqual({ earliest: '2000-01-01' })
    expectErrorWith(errors('1999-12-31'), 'date', 'kosProfile.dateTooOld')
    expect(errors(TODAY)).toEqual({})
    expect(errors('2000-01-01')).toEqual({})
  })

  it('caps the comment at 10,000 characters and refuses a blank one', () => {
    const event = { ...newHistoryEvent(new Date(2026, 2, 5)) }
    const errors = (comment: string) => {
      const result = validateHistoryEvent({ ...event, comment }, TODAY)
      return result.ok ? {} : result.errors
    }
    expect(expectErrorWith(errors('x'.repeat(100_000)), 'comment', 'kosProfile.tooLong')).toEqual({ max: 10_000, length: 100_000 })
    expect(errors('x'.repeat(10_000))).toEqual({})
    expect(errors(' \n\t ')).toEqual({ comment: 'kosProfile.historyCommentRequired' })
  })

  it('attaches no program, no empty file and nothing too large', () => {
    const file = (name: string, size: number, head: number[] = [0x25, 0x50, 0x44, 0x46]) => ({ name, size, head })
    expect(validateAttachments([file('loi.pdf', 1000), file('photo.JPG', 2 * 1024 * 1024)])).toBeNull()
    expect(expectErrorWith(validateAttachments([file('setup.exe', 5000, [0x4d, 0x5a, 0x90, 0])]) ?? {}, 'files', 'kosProfile.fileExecutable')).toEqual({ name: 'setup.exe' })
    // A program renamed to .pdf is still a program; so is a script with #!.
    expectErrorWith(validateAttachments([file('invoice.pdf', 5000, [0x4d, 0x5a, 0x90, 0])]) ?? {}, 'files', 'kosProfile.fileExecutable')
    expectErrorWith(validateAttachments([file('run.txt', 50, [0x23, 0x21, 0x2f, 0x62])]) ?? {}, 'files', 'kosProfile.fileExecutable')
    expectErrorWith(validateAttachments([file('macro.XLSM', 50)]) ?? {}, 'files', 'kosProfile.fileExecutable')
    expect(expectErrorWith(validateAttachments([file('empty.pdf', 0, [])]) ?? {}, 'files', 'kosProfile.fileEmpty')).toEqual({ name: 'empty.pdf' })
    expect(expectErrorWith(validateAttachments([file('scan.pdf', 2 * 1024 * 1024 + 1)]) ?? {}, 'files', 'kosProfile.fileTooLarge')).toEqual({ name: 'scan.pdf', maxMb: 2 })
    expectErrorWith(validateAttachments([file('a.pdf', 2_000_000), file('b.pdf', 2_000_000)]) ?? {}, 'files', 'kosProfile.filesTooLarge')
    expectErrorWith(validateAttachments(Array.from({ length: 6 }, (_, i) => file(`${i}.pdf`, 10))) ?? {}, 'files', 'kosProfile.tooManyFiles')
    expectErrorWith(validateAttachments([file(`${'я'.repeat(252)}.pdf`, 10)]) ?? {}, 'files', 'kosProfile.fileNameTooLong')
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
