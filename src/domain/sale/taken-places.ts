import type { SaleItem } from './items'
import { placeKey } from './objects-directory'

/** Bitrix24 stage semantics: P in progress, S won, F lost. */
export type StageSemantic = 'P' | 'S' | 'F'

export interface OtherDeal {
  dealId: number
  semantic: StageSemantic
  items: readonly SaleItem[]
}

/** The place keys a deal holds: also written to a multiple UF so other deals can find them by filter. */
export function placeKeysOf(items: readonly SaleItem[]): string[] {
  const keys = items.flatMap((item) => (item.kind === 'object' && item.place !== '' ? [placeKey(item)] : []))
  return [...new Set(keys)]
}

/**
 * Places held by other deals that are still in work or won: a lost deal frees its
 * places. The deal being edited never blocks itself. Result: placeKey → deal ID
 * (the lowest ID, when two deals already hold one place).
 */
export function takenPlaces(otherDeals: readonly OtherDeal[], currentDealId: number | null): Map<string, number> {
  const taken = new Map<string, number>()
  for (const deal of otherDeals) {
    if (deal.dealId === currentDealId || deal.semantic === 'F') continue
    for (const key of placeKeysOf(deal.items)) {
      const holder = taken.get(key)
      if (holder === undefined || deal.dealId < holder) taken.set(key, deal.dealId)
    }
  }
  return taken
}
