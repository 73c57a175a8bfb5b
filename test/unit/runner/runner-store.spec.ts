// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { newPlan, setStep } from '@/domain/write-plan'
import { RunnerStore } from '../../../runner/store/runner-store'

const dirs: string[] = []
function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'runner-store-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const label = { ru: 'шаг', en: 'step' }

describe('RunnerStore', () => {
  it('keeps plans, jobs and values across a reopen', async () => {
    const dir = freshDir()
    const store = RunnerStore.open(dir)
    const plan = newPlan({ id: 'p1', scope: 'deal:3', title: label, now: new Date('2026-12-06T10:00:00Z'), steps: [setStep('p1-a', 'crm.deal.update', { id: 3 }, label)] })
    await store.journal.save(plan)
    await store.schedule({ id: 'deal:3', kind: 'deal', subject: 3, dueAt: '2026-12-06T15:00:00.000Z' })
    await store.set('cursor', { seen: 7 })
    await store.close()

    const again = RunnerStore.open(dir)
    expect((await again.journal.list('deal:3')).map((p) => p.id)).toEqual(['p1'])
    expect(again.get('cursor')).toEqual({ seen: 7 })
    expect(again.dueJobs(new Date('2026-12-06T14:59:59Z'))).toEqual([])
    expect(again.dueJobs(new Date('2026-12-06T15:00:00Z')).map((j) => j.id)).toEqual(['deal:3'])
    await again.close()
  })

  it('moves a job to its newest time instead of keeping two', async () => {
    const store = RunnerStore.open(freshDir())
    await store.schedule({ id: 'deal:5', kind: 'deal', subject: 5, dueAt: '2026-12-06T15:00:00.000Z' })
    await store.schedule({ id: 'deal:5', kind: 'deal', subject: 5, dueAt: '2026-12-07T09:00:00.000Z' })
    await store.schedule({ id: 'deal:6', kind: 'deal', subject: 6, dueAt: '2026-12-06T12:00:00.000Z' })
    expect(store.dueJobs(new Date('2026-12-08T00:00:00Z')).map((j) => `${j.id}@${j.dueAt}`)).toEqual([
      'deal:6@2026-12-06T12:00:00.000Z',
      'deal:5@2026-12-07T09:00:00.000Z',
    ])
    expect(store.nextJob('deal', 5)?.dueAt).toBe('2026-12-07T09:00:00.000Z')
    await store.unschedule('deal:6')
    expect(store.dueJobs(new Date('2026-12-06T13:00:00Z'))).toEqual([])
    await store.close()
  })
})
