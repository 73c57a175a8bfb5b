// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LmdbStore } from './lmdb-store'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lmdb-store-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('LmdbStore', () => {
  it('keeps committed rows, values and deletes across a reopen', async () => {
    const dir = tempDir()
    const store = LmdbStore.open(dir)
    const deals = store.table<{ ID: number; TITLE: string; TAGS: string[] }>('deals')
    deals.insert({ TITLE: 'one', TAGS: ['a'] })
    const two = deals.insert({ TITLE: 'two', TAGS: [] })
    deals.insert({ TITLE: 'three', TAGS: [] })
    deals.update(two.ID, { TITLE: 'two!' })
    deals.delete(3)
    store.setValue('appOptions', { mode: 'x', n: 1 })
    await store.commit()
    await store.close()

    const reopened = LmdbStore.open(dir)
    const table = reopened.table('deals')
    expect([...table.rows()]).toEqual([
      { ID: 1, TITLE: 'one', TAGS: ['a'] },
      { ID: 2, TITLE: 'two!', TAGS: [] },
    ])
    expect(reopened.getValue('appOptions')).toEqual({ mode: 'x', n: 1 })
    // The deleted ID 3 is never handed out again.
    expect(table.insert({ TITLE: 'four' }).ID).toBe(4)
    await reopened.close()
  })

  it('loses only what was not committed', async () => {
    const dir = tempDir()
    const store = LmdbStore.open(dir)
    store.table('users').insert({ NAME: 'kept' })
    store.setValue('kept', true)
    await store.commit()
    store.table('users').insert({ NAME: 'lost' })
    store.setValue('lost', true)
    store.deleteValue('kept')
    await store.close()

    const reopened = LmdbStore.open(dir)
    expect([...reopened.table('users').rows()].map((row) => row.NAME)).toEqual(['kept'])
    expect(reopened.getValue('kept')).toBe(true)
    expect(reopened.getValue('lost')).toBeUndefined()
    await reopened.close()
  })

  it('keeps the last assigned ID even when every row is deleted', async () => {
    const dir = tempDir()
    const store = LmdbStore.open(dir)
    const tasks = store.table('tasks')
    tasks.insert({})
    tasks.insert({})
    tasks.delete(1)
    tasks.delete(2)
    await store.commit()
    await store.close()
    const reopened = LmdbStore.open(dir)
    expect(reopened.table('tasks').insert({}).ID).toBe(3)
    await reopened.close()
  })

  it('clear() wipes rows, counters and values durably', async () => {
    const dir = tempDir()
    const store = LmdbStore.open(dir)
    store.table('users').insert({ NAME: 'a' })
    store.setValue('app', { installed: true })
    await store.commit()
    store.clear()
    store.table('users').insert({ NAME: 'fresh' })
    await store.commit()
    await store.close()
    const reopened = LmdbStore.open(dir)
    expect([...reopened.table('users').rows()]).toEqual([{ ID: 1, NAME: 'fresh' }])
    expect(reopened.getValue('app')).toBeUndefined()
    await reopened.close()
  })

  it('a commit resolves only after earlier journalled changes are written', async () => {
    const dir = tempDir()
    const store = LmdbStore.open(dir)
    store.table('a').insert({ n: 1 })
    const first = store.commit()
    const second = store.commit() // nothing new: must still wait for the first write
    await second
    await store.close()
    await first
    const reopened = LmdbStore.open(dir)
    expect(reopened.table('a').size).toBe(1)
    await reopened.close()
  })
})
