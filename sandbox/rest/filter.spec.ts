// @vitest-environment node
// Filter operators as b24restdocs `api-reference/crm/universal/crm-item-list.md` (filter section)
// and `api-reference/crm/deals/crm-deal-list.md` describe them.
import { describe, expect, it } from 'vitest'
import {
  compileFilter,
  compileOrder,
  idLowerBound,
  parseFilter,
  parseFilterKey,
  parseOrder,
} from './filter'

interface R {
  ID: number
  [k: string]: unknown
}
const get = (row: R, field: string) => row[field]
const rows: R[] = [
  { ID: 1, TITLE: 'Поставка подшипников', OPPORTUNITY: 1000, STAGE_ID: 'NEW', DATE_CREATE: '2024-01-10T10:00:00+03:00', TAGS: ['a', 'b'] },
  { ID: 2, TITLE: 'Вибродиагностика', OPPORTUNITY: 250000.5, STAGE_ID: 'WON', DATE_CREATE: '2025-03-01T09:00:00+03:00', TAGS: [] },
  { ID: 3, TITLE: 'Molotok', OPPORTUNITY: null, STAGE_ID: 'C1:NEW', DATE_CREATE: '2023-12-31T23:00:00+03:00', TAGS: ['b'] },
]
const ids = (filter: unknown) => rows.filter(compileFilter(parseFilter(filter), get)).map((r) => r.ID)

describe('parseFilterKey', () => {
  it('prefers the longest operator prefix', () => {
    expect(parseFilterKey('>=ID')).toEqual({ op: 'gte', field: 'ID', explicitPattern: false })
    expect(parseFilterKey('!=%TITLE')).toEqual({ op: 'notLike', field: 'TITLE', explicitPattern: true })
    expect(parseFilterKey('!@ID')).toEqual({ op: 'notIn', field: 'ID', explicitPattern: false })
    expect(parseFilterKey('!ID').op).toBe('neq')
    expect(parseFilterKey('ID').op).toBe('eq')
  })
})

describe('compileFilter', () => {
  it('compares numbers given as strings, and arrays as IN', () => {
    expect(ids({ '>OPPORTUNITY': '999' })).toEqual([1, 2])
    expect(ids({ '<=OPPORTUNITY': 1000 })).toEqual([1])
    expect(ids({ ID: ['1', '3'] })).toEqual([1, 3])
    expect(ids({ '@ID': [2] })).toEqual([2])
    expect(ids({ '!@ID': [2] })).toEqual([1, 3])
    expect(ids({ '!STAGE_ID': 'NEW' })).toEqual([2, 3])
    expect(ids({ '!=STAGE_ID': 'NEW' })).toEqual([2, 3])
  })

  it('treats empty string as null', () => {
    expect(ids({ OPPORTUNITY: '' })).toEqual([3])
    expect(ids({ '!OPPORTUNITY': '' })).toEqual([1, 2])
  })

  it('compares dates with and without offset', () => {
    expect(ids({ '>=DATE_CREATE': '2024-01-01' })).toEqual([1, 2])
    expect(ids({ '<DATE_CREATE': '2024-01-01T00:00:00+03:00' })).toEqual([3])
    expect(ids({ '>DATE_CREATE': '01.03.2025' })).toEqual([2])
  })

  it('does LIKE as a case-insensitive substring, and explicit % patterns', () => {
    expect(ids({ '%TITLE': 'подшип' })).toEqual([1])
    expect(ids({ '=%TITLE': 'mol%' })).toEqual([3])
    expect(ids({ '=%TITLE': 'mol' })).toEqual([])
    expect(ids({ '!%TITLE': 'о' })).toEqual([3])
  })

  it('matches multiple fields by any value', () => {
    expect(ids({ TAGS: 'b' })).toEqual([1, 3])
    expect(ids({ TAGS: '' })).toEqual([2])
  })

  it('supports nested OR groups', () => {
    expect(ids({ '0': { logic: 'OR', '0': { STAGE_ID: 'WON' }, '1': { ID: 3 } } })).toEqual([2, 3])
    expect(ids({ '>ID': 1, '0': { logic: 'OR', '0': { STAGE_ID: 'NEW' }, '1': { STAGE_ID: 'WON' } } })).toEqual([2])
  })

  it('maps or refuses fields', () => {
    const refused: string[] = []
    const group = parseFilter(
      { title: 'x', bogus: 1 },
      { mapField: (f) => (f === 'title' ? 'TITLE' : null), onUnknownField: (f) => refused.push(f) },
    )
    expect(group.children).toEqual([{ kind: 'cond', field: 'TITLE', op: 'eq', value: 'x', explicitPattern: false }])
    expect(refused).toEqual(['bogus'])
  })

  it('compares a yes/no field given as a boolean with Y/N, and reads a PHP-form list (object by index)', () => {
    const flags: R[] = [
      { ID: 1, ACTIVE: true, OPENED: 'Y' },
      { ID: 2, ACTIVE: false, OPENED: 'N' },
    ]
    const flagIds = (filter: unknown) => flags.filter(compileFilter(parseFilter(filter), get)).map((r) => r.ID)
    expect(flagIds({ ACTIVE: true })).toEqual([1])
    expect(flagIds({ ACTIVE: 'N' })).toEqual([2])
    expect(flagIds({ OPENED: true })).toEqual([1])
    expect(flagIds({ '!OPENED': false })).toEqual([1])
    expect(ids({ '@ID': { 0: '1', 1: '3' } })).toEqual([1, 3])
  })

  it('finds the keyset lower bound', () => {
    expect(idLowerBound(parseFilter({ '>ID': 40, STAGE_ID: 'NEW' }))).toBe(40)
    expect(idLowerBound(parseFilter({ '>=ID': 40 }))).toBe(39)
    expect(idLowerBound(parseFilter({ '<ID': 40 }))).toBe(0)
  })
})

describe('order', () => {
  it('sorts by terms, nulls first, ID as tie-breaker', () => {
    const terms = parseOrder({ OPPORTUNITY: 'desc' })
    expect([...rows].sort(compileOrder(terms, get)).map((r) => r.ID)).toEqual([2, 1, 3])
    const bad: string[] = []
    parseOrder({ X: 'sideways' }, (f) => f, (f, why) => bad.push(`${f}:${why}`))
    expect(bad).toEqual(['X:direction'])
  })
})
