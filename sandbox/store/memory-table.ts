import type { Row, Table } from './types'

/** Records one change so a durable store can journal it on commit. */
export type ChangeListener = (table: string, id: number, row: Row | null) => void

/**
 * In-memory table. IDs are kept in a sorted array (inserts always append, since IDs only
 * grow), so `rowsAfter` is a binary search plus a walk: keyset pages cost O(page size).
 */
export class MemoryTable<T extends Row> implements Table<T> {
  private readonly byId = new Map<number, T>()
  private ids: number[] = []
  private deletedSinceCompact = 0
  private lastId = 0

  constructor(
    readonly name: string,
    private readonly onChange: ChangeListener = () => {},
  ) {}

  get size(): number {
    return this.byId.size
  }

  /** Loads a persisted row without reporting a change (used when a store opens). */
  load(row: T, lastId?: number): void {
    if (!this.byId.has(row.ID)) {
      if (this.ids.length && row.ID < this.ids[this.ids.length - 1]!) {
        this.ids.push(row.ID)
        this.ids.sort((a, b) => a - b)
      } else {
        this.ids.push(row.ID)
      }
    }
    this.byId.set(row.ID, row)
    this.lastId = Math.max(this.lastId, row.ID, lastId ?? 0)
  }

  get lastAssignedId(): number {
    return this.lastId
  }

  set lastAssignedId(id: number) {
    this.lastId = Math.max(this.lastId, id)
  }

  get(id: number): T | undefined {
    return this.byId.get(id)
  }

  rows(): IterableIterator<T> {
    return this.rowsAfter(0)
  }

  *rowsAfter(afterId: number): IterableIterator<T> {
    let lo = 0
    let hi = this.ids.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.ids[mid]! <= afterId) lo = mid + 1
      else hi = mid
    }
    for (let i = lo; i < this.ids.length; i++) {
      const row = this.byId.get(this.ids[i]!)
      if (row) yield row
    }
  }

  insert(fields: Omit<T, 'ID'>): T {
    const row = { ...fields, ID: ++this.lastId } as T
    this.byId.set(row.ID, row)
    this.ids.push(row.ID)
    this.onChange(this.name, row.ID, row)
    return row
  }

  update(id: number, patch: Partial<Omit<T, 'ID'>>): T {
    const current = this.byId.get(id)
    if (!current) throw new Error(`${this.name}: row ${id} does not exist`)
    const row = { ...current, ...patch, ID: id } as T
    this.byId.set(id, row)
    this.onChange(this.name, id, row)
    return row
  }

  delete(id: number): boolean {
    if (!this.byId.delete(id)) return false
    this.onChange(this.name, id, null)
    // Deleted IDs stay in the sorted array (skipped on read) until enough pile up.
    if (++this.deletedSinceCompact > 1000) {
      this.ids = this.ids.filter((x) => this.byId.has(x))
      this.deletedSinceCompact = 0
    }
    return true
  }
}
