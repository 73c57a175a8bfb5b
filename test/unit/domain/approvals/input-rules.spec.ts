import { describe, expect, it } from 'vitest'
import {
  checkContractFile,
  checkTripForm,
  parseAmountText,
  planContractStep,
  planTripRequest,
  referenceIssues,
  replayContract,
  tripDateWindow,
  type TripFormText,
} from '@/domain/approvals'

// The bad inputs of issue «Writes that never lie» that reached the portal unchecked: each is
// refused here, before a plan exists, with a code the widget words in Russian and English.
const TODAY = '2026-12-06'
const form: TripFormText = {
  destination: 'Екатеринбург',
  dateFrom: '2026-12-14',
  dateTo: '2026-12-16',
  purpose: 'Вибродиагностика насосов у клиента',
  budget: '45 000',
  dealId: '12',
  companyId: '',
}
const settings = { contractApprovers: { '1': 6 }, tripApprover: 6, accountant: 7 }

describe('money typed by a person', () => {
  it.each([
    ['45 000', 45000],
    ['45000,50', 45000.5],
    ['1\u00a0234.5', 1234.5],
    ['1000000000000', 1e12],
  ])('%s is %d', (text, amount) => {
    expect(parseAmountText(text)).toEqual({ ok: true, amount })
  })

  it.each([
    ['', 'required'],
    ['1e5', 'amount-format'],
    ['-5', 'amount-format'],
    ['12,345.6', 'amount-format'],
    ['0', 'positive-amount'],
    ['0,00', 'positive-amount'],
    ['10,005', 'amount-decimals'],
    ['1000000000000000', 'amount-too-large'],
    ['1000000000000.01', 'amount-too-large'],
  ])('%s is refused: %s', (text, code) => {
    expect(parseAmountText(text)).toMatchObject({ ok: false, issue: { code } })
  })
})

describe('the trip form', () => {
  it('turns a good form into a request', () => {
    expect(checkTripForm(form, TODAY)).toEqual({
      input: {
        destination: 'Екатеринбург',
        dateFrom: '2026-12-14',
        dateTo: '2026-12-16',
        purpose: 'Вибродиагностика насосов у клиента',
        budget: { amount: 45000, currency: 'RUB' },
        dealId: 12,
      },
      issues: {},
    })
  })

  it('refuses a budget of 10^15 ₽ and a trip dated 2019', () => {
    const checked = checkTripForm({ ...form, budget: '1000000000000000', dateFrom: '2019-03-01', dateTo: '2019-03-03' }, TODAY)
    expect(checked.input).toBeNull()
    expect(checked.issues).toEqual({
      budget: { code: 'amount-too-large', params: { max: '1 000 000 000 000' } },
      dateFrom: { code: 'date-too-early', params: { min: '2026-11-06' } },
      dateTo: { code: 'date-too-early', params: { min: '2026-11-06' } },
    })
  })

  it('refuses a 100,000-character purpose with its limit instead of doing nothing', () => {
    const purpose = 'а'.repeat(100_000)
    expect(checkTripForm({ ...form, purpose }, TODAY).issues).toEqual({ purpose: { code: 'too-long', params: { max: 2000, length: 100_000 } } })
    // The plan refuses it too (it used to throw while encoding the record: a silent no-op).
    expect(planTripRequest({ destination: 'X', dateFrom: '2026-12-14', dateTo: '2026-12-16', purpose, budget: { amount: 1, currency: 'RUB' } }, settings, 'k'))
      .toMatchObject({ ok: false, error: 'invalid-request', fields: { purpose: 'too-long' } })
  })

  it('refuses names of spaces only, texts over their limits, malformed IDs and implausible dates', () => {
    const checked = checkTripForm(
      { ...form, destination: '   ', dateFrom: '2026-02-30', dateTo: '2028-01-01', dealId: 'сделка 5', companyId: '99999999999' },
      TODAY,
    )
    expect(checked.issues).toEqual({
      destination: { code: 'required' },
      dateFrom: { code: 'invalid-date' },
      dateTo: { code: 'date-too-late', params: { max: '2027-12-06' } },
      dealId: { code: 'invalid-id' },
      companyId: { code: 'invalid-id' },
    })
    expect(checkTripForm({ ...form, destination: 'Д'.repeat(256) }, TODAY).issues.destination).toMatchObject({ code: 'too-long', params: { max: 255 } })
    expect(checkTripForm({ ...form, dateTo: '2026-12-10' }, TODAY).issues.dateTo).toEqual({ code: 'before-start' })
    expect(checkTripForm({ ...form, dateTo: '2027-03-14' }, TODAY).issues.dateTo).toEqual({ code: 'trip-too-long', params: { days: 90 } })
  })

  it('accepts the edges of the window', () => {
    expect(tripDateWindow(TODAY)).toEqual({ min: '2026-11-06', max: '2027-12-06' })
    expect(checkTripForm({ ...form, dateFrom: '2026-11-06', dateTo: '2026-11-08' }, TODAY).issues).toEqual({})
    expect(checkTripForm({ ...form, dateFrom: '2027-12-06', dateTo: '2027-12-06' }, TODAY).issues).toEqual({})
  })

  it('names the deal or company the portal does not show the user', () => {
    expect(referenceIssues({ dealId: 99999999 }, { deal: false, company: true })).toEqual({
      dealId: { code: 'deal-not-found', params: { id: 99999999 } },
    })
    expect(referenceIssues({ dealId: 12, companyId: 3 }, { deal: true, company: false })).toEqual({
      companyId: { code: 'company-not-found', params: { id: 3 } },
    })
    expect(referenceIssues({}, { deal: false, company: false })).toEqual({})
  })
})

describe('the contract file', () => {
  it.each([
    [{ name: 'setup.exe', size: 1000 }, 'file-type'],
    [{ name: 'dogovor.docx.exe', size: 1000 }, 'file-type'],
    [{ name: 'dogovor', size: 1000 }, 'file-type'],
    [{ name: 'dogovor.docx', size: 0 }, 'file-empty'],
    [{ name: 'dogovor.pdf', size: 2 * 1024 * 1024 + 1 }, 'file-too-large'],
    [{ name: `${'д'.repeat(252)}.pdf`, size: 10 }, 'file-name-too-long'],
  ])('%o is refused: %s', (file, code) => {
    expect(checkContractFile(file)?.code).toBe(code)
  })

  it('takes office documents and PDF up to 2 MB', () => {
    expect(checkContractFile({ name: 'Договор v2.DOCX', size: 120_000 })).toBeNull()
    expect(checkContractFile({ name: 'dogovor.pdf', size: 2 * 1024 * 1024 })).toBeNull()
  })
})

describe('decision texts', () => {
  it('refuses a comment longer than the record holds', () => {
    const replay = replayContract({ id: 12, categoryId: 1, responsibleId: 3, file: null }, [], settings)
    expect(planContractStep({ deal: { id: 12, title: 'Д' }, replay, actor: 6, at: 't' }, { action: 'reject', comment: 'x'.repeat(4001) }))
      .toEqual({ ok: false, error: 'text-too-long' })
  })
})
