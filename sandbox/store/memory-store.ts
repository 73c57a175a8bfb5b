import { MemoryTable, type ChangeListener } from './memory-table'
import type { Row, Store, Table } from './types'

/** A store that lives only in memory: for unit tests of REST methods. */
export class MemoryStore implements Store {
  protected readonly tables = new Map<string, MemoryTable<Row>>()
  protected readonly values = new Map<string, unknown>()

  constructor(protected readonly onChange: ChangeListener = () => {}) {}

  table<T extends Row = Row>(name: string): Table<T> {
    let table = this.tables.get(name)
    if (!table) {
      table = new MemoryTable<Row>(name, this.onChange)
      this.tables.set(name, table)
    }
    return table as unknown as Table<T>
  }

  getValue<T = unknown>(key: string): T | undefined {
    return this.values.get(key) as T | undefined
  }

  setValue(key: string, value: unknown): void {
    this.values.set(key, value)
  }

  deleteValue(key: string): void {
    this.values.delete(key)
  }

  /** Empties every table and value (the control API's `reset`). */
  clear(): void {
    this.tables.clear()
    this.values.clear()
  }

  async commit(): Promise<void> {}

  async close(): Promise<void> {}
}
