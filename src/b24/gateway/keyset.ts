import { GatewayError } from './errors'
import type { BatchReply, Params } from './transport'

/**
 * Reading a large list by ID keyset, many pages per batch request
 * (b24restdocs `settings/performance/huge-data.md`): each page asks for
 * `ID > <last ID of the previous page>` in ID order with `start=-1` (no COUNT).
 * Inside one batch the server resolves `$result[pN][49][ID]` — the 50th row of the
 * previous page — so 50 chained pages read up to 2,500 rows in one HTTP request.
 */
export const PAGE_SIZE = 50
export const PAGES_PER_BATCH = 50

export interface KeysetOptions {
  /** Field holding the row ID in the response (`ID`; `id` for crm.item.list). */
  idKey?: string
  /** Field used in `order` and the `>` filter of the request; defaults to idKey. */
  cursorKey?: string
  /** Key of the row array inside `result` (`items` for crm.item.list, `tasks` for tasks.task.list). */
  itemsKey?: string
  pagesPerBatch?: number
}

export function pageName(index: number): string {
  return `p${index}`
}

/** `$result[p3][49][ID]` or `$result[p3][items][49][id]`: the last row of a full page. */
export function lastRowReference(pageIndex: number, idKey: string, itemsKey?: string): string {
  const items = itemsKey ? `[${itemsKey}]` : ''
  return `$result[${pageName(pageIndex)}]${items}[${PAGE_SIZE - 1}][${idKey}]`
}

export function buildKeysetBatch(
  method: string,
  params: Params,
  afterId: number,
  options: KeysetOptions = {},
): Record<string, [string, Params]> {
  const idKey = options.idKey ?? 'ID'
  const cursorKey = options.cursorKey ?? idKey
  const pages = options.pagesPerBatch ?? PAGES_PER_BATCH
  const baseFilter = (params.filter ?? {}) as Params
  const select = Array.isArray(params.select) && !params.select.includes(cursorKey) && !params.select.includes('*')
    ? [...(params.select as unknown[]), cursorKey]
    : params.select
  const commands: Record<string, [string, Params]> = {}
  for (let page = 0; page < pages; page++) {
    const after = page === 0 ? afterId : lastRowReference(page - 1, idKey, options.itemsKey)
    const pageParams: Params = {
      ...params,
      filter: { ...baseFilter, [`>${cursorKey}`]: after },
      order: { [cursorKey]: 'ASC' },
      start: -1,
    }
    if (select !== undefined) pageParams.select = select
    commands[pageName(page)] = [method, pageParams]
  }
  return commands
}

export interface KeysetChunk<T> {
  rows: T[]
  /** ID of the last row read, the cursor for the next batch. */
  lastId: number
  /** A page came back short: nothing more to read. */
  done: boolean
}

/**
 * Takes the pages of one keyset batch in order and stops at the first short page.
 * Pages after a short one are ignored: their `$result` reference pointed at a row that
 * does not exist, so whatever the server did with it is meaningless.
 */
export function collectKeysetPages<T>(
  reply: BatchReply,
  afterId: number,
  pages: number,
  options: KeysetOptions = {},
): KeysetChunk<T> {
  const idKey = options.idKey ?? 'ID'
  const rows: T[] = []
  let lastId = afterId
  for (let page = 0; page < pages; page++) {
    const name = pageName(page)
    const error = reply.errors[name]
    if (error) throw error
    const raw = reply.results[name]
    const list = options.itemsKey ? (raw as Record<string, unknown> | undefined)?.[options.itemsKey] : raw
    if (!Array.isArray(list)) {
      throw new GatewayError('unknown', 'BAD_SHAPE', `${name}: expected a list of rows`)
    }
    for (const row of list as Record<string, unknown>[]) {
      const id = Number(row[idKey])
      if (!(id > lastId)) {
        throw new GatewayError('unknown', 'BAD_KEYSET', `${name}: row ID ${String(row[idKey])} is not after ${lastId}`)
      }
      lastId = id
      rows.push(row as T)
    }
    if (list.length < PAGE_SIZE) return { rows, lastId, done: true }
  }
  return { rows, lastId, done: false }
}
