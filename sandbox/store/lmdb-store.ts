import { open, type RootDatabase } from 'lmdb'
import { MemoryTable } from './memory-table'
import type { Row, Store, Table } from './types'

// Key layout in lmdb: one entry per row, per table counter and per value.
const rowKey = (table: string, id: number) => `r\u0000${table}\u0000${id}`
const lastIdKey = (table: string) => `t\u0000${table}`
const valueKey = (key: string) => `v\u0000${key}`

type Journal = Map<string, unknown>
/** Marks a removal in the journal (lmdb cannot store `undefined`). */
const REMOVED = Symbol('removed')

/**
 * Durable store: every row lives in memory (MemoryTable) for fast filters; changes are
 * journalled and `commit()` writes them as one lmdb transaction. Commits are chained, so a
 * caller's commit resolves only after everything journalled before it is on disk.
 */
export class LmdbStore implements Store {
  private readonly tables = new Map<string, MemoryTable<Row>>()
  private readonly values = new Map<string, unknown>()
  private journal: Journal = new Map()
  private wipePending = false
  private lastWrite: Promise<void> = Promise.resolve()
  private closed = false

  private constructor(private readonly db: RootDatabase) {}

  /** Opens (or creates) the store in `dir` and loads every row into memory. */
  static open(dir: string): LmdbStore {
    const db = open({ path: dir, compression: false })
    const store = new LmdbStore(db)
    store.load()
    return store
  }

  private load(): void {
    const lastIds = new Map<string, number>()
    for (const { key, value } of this.db.getRange()) {
      const [kind, name] = String(key).split('\u0000')
      if (kind === 'r' && name !== undefined) this.memoryTable(name).load(value as Row)
      else if (kind === 't' && name !== undefined) lastIds.set(name, Number(value))
      else if (kind === 'v' && name !== undefined) this.values.set(name, value)
    }
    for (const [name, lastId] of lastIds) this.memoryTable(name).lastAssignedId = lastId
  }

  private memoryTable(name: string): MemoryTable<Row> {
    let table = this.tables.get(name)
    if (!table) {
      table = new MemoryTable<Row>(name, (tableName, id, row) => {
        this.journal.set(rowKey(tableName, id), row ?? REMOVED)
        this.journal.set(lastIdKey(tableName), this.tables.get(tableName)?.lastAssignedId ?? id)
      })
      this.tables.set(name, table)
    }
    return table
  }

  table<T extends Row = Row>(name: string): Table<T> {
    return this.memoryTable(name) as unknown as Table<T>
  }

  getValue<T = unknown>(key: string): T | undefined {
    return this.values.get(key) as T | undefined
  }

  setValue(key: string, value: unknown): void {
    if (value === undefined) return this.deleteValue(key)
    this.values.set(key, value)
    this.journal.set(valueKey(key), value)
  }

  deleteValue(key: string): void {
    this.values.delete(key)
    this.journal.set(valueKey(key), REMOVED)
  }

  /** Empties every table, counter and value; durable at the next commit. */
  clear(): void {
    this.tables.clear()
    this.values.clear()
    this.journal = new Map()
    this.wipePending = true
  }

  /** Names of tables that hold rows (for the control API's `state`). */
  tableNames(): string[] {
    return [...this.tables.keys()]
  }

  commit(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('store is closed'))
    if (this.journal.size === 0 && !this.wipePending) return this.lastWrite
    const journal = this.journal
    const wipe = this.wipePending
    this.journal = new Map()
    this.wipePending = false
    // Chained: each write starts after the previous one, so commit order is journal order.
    this.lastWrite = this.lastWrite.catch(() => {}).then(() => this.write(journal, wipe))
    return this.lastWrite
  }

  private async write(journal: Journal, wipe: boolean): Promise<void> {
    await this.db.transaction(() => {
      if (wipe) for (const key of this.db.getKeys()) this.db.remove(key)
      for (const [key, value] of journal) {
        if (value === REMOVED) this.db.remove(key)
        else this.db.put(key, value)
      }
    })
  }

  async close(): Promise<void> {
    if (this.closed) return
    await this.lastWrite.catch(() => {})
    this.closed = true
    await this.db.close()
  }
}
