/**
 * The sandbox's embedded store. Rows live in memory (fast filters over 100,000 deals);
 * every change is journalled and made durable by `commit()`, which the HTTP layer awaits
 * before it acknowledges a request. A crash before commit loses only unacknowledged work.
 */
export interface Row {
  ID: number
  [field: string]: unknown
}

export interface Table<T extends Row = Row> {
  readonly name: string
  readonly size: number
  get(id: number): T | undefined
  /** All rows in ascending ID order. */
  rows(): IterableIterator<T>
  /** Rows with ID > afterId, ascending (binary search, so keyset paging stays O(page)). */
  rowsAfter(afterId: number): IterableIterator<T>
  /** Assigns the next ID (never reused, even after deletes). Returns the stored row. */
  insert(fields: Omit<T, 'ID'>): T
  /** Shallow-merges the patch; throws if the row does not exist. Returns the stored row. */
  update(id: number, patch: Partial<Omit<T, 'ID'>>): T
  delete(id: number): boolean
}

export interface Store {
  table<T extends Row = Row>(name: string): Table<T>
  /** Key/value state: app options, user options, install state, settings of the sandbox. */
  getValue<T = unknown>(key: string): T | undefined
  setValue(key: string, value: unknown): void
  deleteValue(key: string): void
  /** Makes every change since the last commit durable. */
  commit(): Promise<void>
  close(): Promise<void>
}
