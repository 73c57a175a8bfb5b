// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { loadDealScreen } from '@/b24/deal-screen/data'
import type { Gateway, ScreenCommands } from '@/b24/gateway'
import { toBatchCommands } from '@/b24/gateway/screen'
import type { PlacementContext } from '@/b24/placement-context'
import { manifest } from '~placements/manifest'
import { loadDealTab, loadInbox } from '~widgets/approvals/data'
import { loadProfileScreen } from '~widgets/client-profile/data'
import { loadLeadScreen } from '~widgets/lead-processing/data'
import { readMeta } from '~widgets/reports/data'
import { loadSaleScreen } from '~widgets/sale-items/data'
import { loadSummary } from '~widgets/summary/data'

/*
 * The shell sends a widget's opening batch before the widget's chunk has loaded; the widget's own
 * first read takes that reply only when it asks for the very same commands. These tests hold each
 * opening to what its widget's loader really asks for first, so a change to one without the other
 * fails here rather than as a second request in the portal.
 */

const CARD_ID = 3473

/** The wire form of the first batch a loader sends (it is stopped right there). */
async function firstBatchOf(load: (gateway: Gateway) => Promise<unknown>): Promise<unknown> {
  let first: ScreenCommands | undefined
  const stop = new Error('first batch taken')
  const gateway = {
    loadScreen: async (commands: ScreenCommands) => {
      first ??= commands
      throw stop
    },
  } as unknown as Gateway
  await load(gateway).catch((error: unknown) => {
    if (error !== stop) throw error
  })
  if (!first) throw new Error('the loader sent no batch')
  return toBatchCommands(first)
}

const context = (entityId: number | null): PlacementContext => ({
  placement: 'CRM_DEAL_DETAIL_TAB',
  options: {},
  entityId,
  lang: 'ru',
  isAdmin: false,
  installMode: false,
  widgetParam: null,
})

/** Each widget with an opening read, and the loader its screen calls first. */
const FIRST_READS: Record<string, (gateway: Gateway) => Promise<unknown>> = {
  'next-steps': (gateway) => loadDealScreen(gateway, CARD_ID),
  reports: (gateway) => readMeta(gateway),
  'reports-link': (gateway) => readMeta(gateway),
  summary: (gateway) => loadSummary(gateway, CARD_ID),
  'sale-items': (gateway) => loadSaleScreen(gateway, CARD_ID),
  approvals: (gateway) => loadInbox(gateway),
  'approvals-trip': (gateway) => loadInbox(gateway),
  'approvals-deal': (gateway) => loadDealTab(gateway, CARD_ID),
  'approvals-home': (gateway) => loadInbox(gateway),
  'client-profile': (gateway) => loadProfileScreen(gateway, CARD_ID),
  'lead-processing': (gateway) => loadLeadScreen(gateway, CARD_ID),
}

describe('opening reads', () => {
  it('every widget but the settings page has one', () => {
    const without = manifest.filter((entry) => !entry.opening).map((entry) => entry.id)
    expect(without).toEqual(['settings'])
    expect(Object.keys(FIRST_READS).sort()).toEqual(manifest.filter((entry) => entry.opening).map((entry) => entry.id).sort())
  })

  for (const entry of manifest.filter((candidate) => candidate.opening)) {
    it(`${entry.id}: the batch sent ahead is the one its widget reads first`, async () => {
      const opening = await entry.opening!()
      const commands = opening(context(CARD_ID))
      expect(commands).not.toBeNull()
      expect(toBatchCommands(commands!)).toEqual(await firstBatchOf(FIRST_READS[entry.id]!))
    })
  }

  it('a card tab opened without a card ID sends nothing ahead', async () => {
    const cardTabs = manifest.filter((entry) => entry.placement.startsWith('CRM_') && entry.placement.endsWith('_DETAIL_TAB'))
    expect(cardTabs.length).toBeGreaterThan(0)
    for (const entry of cardTabs) expect((await entry.opening!())(context(null)), entry.id).toBeNull()
  })
})
