import { command, GatewayError } from '@/b24/gateway'
import type { Gateway, ScreenCommands, ScreenResult } from '@/b24/gateway'
import { buildKeysetBatch, collectKeysetPages } from '@/b24/gateway/keyset'
import { fieldLookupCommand } from '@/domain/install/plan'
import { SALE_FIELDS } from '@/domain/fields/sale'
import { parseMoney } from '@/domain/money'
import { dealRowsOf, saleCardState } from '@/domain/sale'
import type { DealRow, ObjectsDirectory, SaleCardState, SaleSaveMarker } from '@/domain/sale'
import { DIRECTORY_OPTION } from './directory-option'
import { parseCurrentUserId, parseKindItemIds, parseProductRows, parseSaleDeal, toPlaceHolderRow } from './dto'
import type { PlaceHolderRow, SaleDealDto } from './dto'
import { directoryFromOption, serverSaleValues, takenFromRows } from './sale-values'
import type { DirectorySource, ItemsReadIssue, SaleValues } from './sale-values'

export { DIRECTORY_OPTION }

/**
 * Pages of the taken-places list chained inside one batch: `$result[pN][49][ID]` is
 * resolved by the portal (b24restdocs settings/how-to-call-rest-api/batch.md,
 * settings/performance/huge-data.md), so 10 pages read up to 500 holders in the same
 * request; a park with more deals holding places reads the rest with readAll.
 */
export const TAKEN_PAGES = 10

// b24restdocs api-reference/crm/deals/crm-deal-list.md: only deals holding a place and not lost
// (the title names the deal where the directory editor protects its places).
const takenListParams = {
  select: ['ID', 'TITLE', 'STAGE_SEMANTIC_ID', SALE_FIELDS.places.fieldName],
  filter: { [`!${SALE_FIELDS.places.fieldName}`]: '', '!STAGE_SEMANTIC_ID': 'F' },
}

const asIs = (raw: unknown) => raw

function takenPageCommands(): ScreenCommands {
  const pages = buildKeysetBatch('crm.deal.list', takenListParams, 0, { pagesPerBatch: TAKEN_PAGES })
  return Object.fromEntries(Object.entries(pages).map(([name, [method, params]]) => [name, command(method, params, asIs)]))
}

/** The holders read by the chained pages, then the rest (rarely any) by keyset. */
async function collectHolders(gateway: Gateway, screen: ScreenResult<ScreenCommands>): Promise<PlaceHolderRow[]> {
  const results: Record<string, unknown> = {}
  const errors: Record<string, GatewayError> = {}
  for (let page = 0; page < TAKEN_PAGES; page++) {
    const name = `p${page}`
    const error = screen.errors[name]
    if (error) errors[name] = error
    else results[name] = screen.optional(name)
  }
  const chunk = collectKeysetPages<Record<string, unknown>>({ results, errors }, 0, TAKEN_PAGES)
  const rows = chunk.done ? chunk.rows : [...chunk.rows, ...(await gateway.readAll<Record<string, unknown>>('crm.deal.list', takenListParams, { afterId: chunk.lastId }))]
  return rows.map(toPlaceHolderRow)
}

async function collectTaken(gateway: Gateway, screen: ScreenResult<ScreenCommands>, dealId: number): Promise<Map<string, number>> {
  return takenFromRows(await collectHolders(gateway, screen), dealId)
}

/** The deals holding places (not lost), for the directory editor: one batch request, as the tab reads them. */
export async function readPlaceHolders(gateway: Gateway): Promise<PlaceHolderRow[]> {
  return collectHolders(gateway, await gateway.loadScreen(takenPageCommands()))
}

/** The deal as the sale sees it: its values, the save marker, its product rows and what they make of the card. */
export interface SaleCardRead {
  deal: SaleDealDto
  values: SaleValues
  itemsIssue: ItemsReadIssue
  marker: SaleSaveMarker | null
  rows: DealRow[]
  card: SaleCardState
}

function readCard(deal: SaleDealDto, rawRows: unknown, kindItemIds: Record<string, string>): SaleCardRead {
  const { values, itemsIssue, marker } = serverSaleValues(deal, kindItemIds)
  const rows = dealRowsOf(parseProductRows(rawRows))
  if (rows === null) throw new GatewayError('unknown', 'UNREADABLE_ROWS', 'The deal has a product row whose price or quantity does not read')
  const card = saleCardState({ items: values.items, marker, rows, opportunityMinor: parseMoney(deal.opportunity) })
  return { deal, values, itemsIssue, marker, rows, card }
}

export interface SaleScreen extends SaleCardRead {
  kindItemIds: Record<string, string>
  directory: ObjectsDirectory
  directorySource: DirectorySource
  /** null when the list could not be read (the tab warns; a save reads it again). */
  taken: Map<string, number> | null
  userId: number
}

/** Everything the tab needs, in ONE batch request. */
export function saleScreenCommands(dealId: number): ScreenCommands {
  const [fieldMethod, fieldParams] = fieldLookupCommand(SALE_FIELDS.kind)
  return {
    // b24restdocs api-reference/crm/deals/crm-deal-get.md
    deal: command('crm.deal.get', { id: dealId }, parseSaleDeal),
    // crm-deal-productrows-get.md: the rows the items must describe (card-state.ts)
    rows: command('crm.deal.productrows.get', { id: dealId }, asIs),
    // crm-deal-userfield-list.md: LIST items with their XML_ID, to map the sale kind.
    kindField: command(fieldMethod, fieldParams, parseKindItemIds),
    // common/settings/app-option-get.md: one key → its value, unknown → null.
    directory: command('app.option.get', { option: DIRECTORY_OPTION }, asIs),
    // user/user-current.md: the draft belongs to this user.
    me: command('user.current', {}, parseCurrentUserId),
    ...takenPageCommands(),
  }
}

export async function loadSaleScreen(gateway: Gateway, dealId: number): Promise<SaleScreen> {
  const screen = await gateway.loadScreen(saleScreenCommands(dealId))
  const kindItemIds = screen.value('kindField') as Record<string, string>
  const read = readCard(screen.value('deal') as SaleDealDto, screen.value('rows'), kindItemIds)
  const { directory, source } = directoryFromOption(screen.optional('directory'))
  let taken: Map<string, number> | null
  try {
    taken = await collectTaken(gateway, screen, dealId)
  } catch {
    taken = null
  }
  return { ...read, kindItemIds, directory, directorySource: source, taken, userId: (screen.optional('me') as number | undefined) ?? 0 }
}

export interface FreshSale extends SaleCardRead {
  taken: Map<string, number>
}

/** Before a save (and before finishing one): the deal as it is now, its product rows and the places taken now (one batch). */
export async function readFreshSale(gateway: Gateway, dealId: number, kindItemIds: Record<string, string>): Promise<FreshSale> {
  const screen = await gateway.loadScreen({
    deal: command('crm.deal.get', { id: dealId }, parseSaleDeal),
    rows: command('crm.deal.productrows.get', { id: dealId }, asIs),
    ...takenPageCommands(),
  })
  const read = readCard(screen.value('deal') as SaleDealDto, screen.value('rows'), kindItemIds)
  return { ...read, taken: await collectTaken(gateway, screen, dealId) }
}

export type { PlaceHolderRow }
