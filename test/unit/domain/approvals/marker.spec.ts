// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { composeRecordText, decodeMarker, encodeMarker, humanPart, type ContractMarker } from '@/domain/approvals'
import { toBase64Url } from '@/domain/approvals/base64url'

const marker: ContractMarker = {
  t: 'contract',
  a: 'reject',
  deal: 12,
  round: 1,
  comment: 'Нет реквизитов «ООО Лемус» & <b>жирный</b>',
  key: 'apr:contract:12:r1:reject',
}

describe('approval marker codec', () => {
  it('round-trips through the record text, Cyrillic and markup included', () => {
    const text = composeRecordText('Проект договора отклонён (круг 1).', marker)
    expect(text.split('\n')[0]).toBe('Проект договора отклонён (круг 1).')
    expect(decodeMarker(text)).toEqual({ status: 'ok', marker })
    expect(humanPart(text)).toBe('Проект договора отклонён (круг 1).')
  })

  it('survives the BB-code and HTML wrapping a portal may add around the text', () => {
    const line = encodeMarker(marker)
    expect(decodeMarker(`[p]Текст[/p]<br>[i]${line}[/i]&nbsp;`)).toEqual({ status: 'ok', marker })
  })

  it('says "none" for ordinary comments', () => {
    expect(decodeMarker('Позвонил клиенту')).toEqual({ status: 'none' })
    expect(decodeMarker('')).toEqual({ status: 'none' })
    expect(decodeMarker(null)).toEqual({ status: 'none' })
  })

  it('reports versions it does not know instead of guessing', () => {
    expect(decodeMarker(`b24apr:2:${toBase64Url('{}')}`)).toEqual({ status: 'unsupported', version: 2 })
  })

  it('reports broken payloads without throwing', () => {
    expect(decodeMarker('b24apr:1:')).toEqual({ status: 'malformed', reason: 'bad-length' })
    expect(decodeMarker('b24apr:1:%%%')).toEqual({ status: 'malformed', reason: 'bad-length' })
    expect(decodeMarker(`b24apr:1:${toBase64Url('not json')}`)).toEqual({ status: 'malformed', reason: 'not-json' })
    expect(decodeMarker(`b24apr:1:${toBase64Url(JSON.stringify({ ...marker, a: 'overrule' }))}`)).toEqual({
      status: 'malformed',
      reason: 'schema',
    })
    expect(decodeMarker(`b24apr:1:${toBase64Url(JSON.stringify({ ...marker, deal: '12' }))}`)).toEqual({
      status: 'malformed',
      reason: 'schema',
    })
    expect(decodeMarker(`b24apr:1:${'A'.repeat(20_000)}`)).toEqual({ status: 'malformed', reason: 'bad-length' })
  })

  it('refuses a text carrying two markers (a pasted record cannot smuggle a second step)', () => {
    const two = `${encodeMarker(marker)}\n${encodeMarker({ ...marker, a: 'approve', key: 'k2' })}`
    expect(decodeMarker(two)).toEqual({ status: 'malformed', reason: 'several-markers' })
  })

  it('refuses to encode an invalid marker', () => {
    expect(() => encodeMarker({ ...marker, deal: -1 })).toThrow()
  })

  it('validates trip requests (dates in order)', () => {
    const trip = {
      t: 'trip-request' as const,
      key: 'apr:trip:form-1',
      destination: 'Пермь',
      dateFrom: '2026-05-02',
      dateTo: '2026-05-01',
      purpose: 'Монтаж',
      budget: { amount: 1000, currency: 'RUB' },
    }
    expect(() => encodeMarker(trip)).toThrow()
    const ok = { ...trip, dateTo: '2026-05-03' }
    expect(decodeMarker(encodeMarker(ok))).toEqual({ status: 'ok', marker: ok })
  })
})
