import qs from 'qs'
import { describe, expect, it } from 'vitest'
import { encodeBatchCommands } from '@/b24/gateway/batch-wire'
import { phpQuery } from '@/b24/gateway/php-query'

// The sandbox reads batch commands with qs.parse, the portal with PHP: the app's own
// encoder must write what qs.stringify wrote before it replaced qs in the page's bundle.
const samples: Record<string, unknown>[] = [
  { id: 42 },
  { filter: { '>ID': 5, '=STAGE_ID': 'C1:NEW', '!%TITLE': "Don't (stop) *now*" }, select: ['ID', 'TITLE', 'UF_CRM_1'], order: { ID: 'ASC' }, start: -1 },
  { fields: { TITLE: 'Сделка № 5 & «скидка» 10%', OPPORTUNITY: 1500.5, OPENED: true, CLOSED: false, COMMENTS: null } },
  { fields: { CONTACT_IDS: [], UF: {}, PHONE: [{ VALUE: '+7 (495) 000-00-00', VALUE_TYPE: 'WORK' }] } },
  { skipped: undefined, when: new Date(Date.UTC(2026, 11, 6, 10, 30)), big: 10n, emoji: '👍 ok', nested: [[1, 2], [3]] },
  { 'key with space': 'a=b&c', 'a[b]': 'x' },
]

describe('phpQuery', () => {
  it.each(samples.map((sample, index) => [index, sample] as const))('writes sample %i as qs.stringify does', (_index, sample) => {
    expect(phpQuery(sample)).toBe(qs.stringify(sample))
  })

  it('reads back through qs.parse as the sandbox does', () => {
    const params = { filter: { '>ID': '5' }, select: ['ID', 'TITLE'], fields: { TITLE: 'a&b=c' } }
    expect(qs.parse(phpQuery(params))).toEqual(params)
  })

  it('builds batch commands as method?query', () => {
    expect(encodeBatchCommands({ deal: ['crm.deal.get', { id: 7 }], list: ['crm.deal.list', { select: ['ID'] }] })).toEqual({
      deal: 'crm.deal.get?id=7',
      list: 'crm.deal.list?select%5B0%5D=ID',
    })
  })
})
