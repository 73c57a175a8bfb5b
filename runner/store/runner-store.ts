import { open, type RootDatabase } from 'lmdb'
import type { PlanJournal } from '@/b24/write-plan'
import type { WritePlan } from '@/domain/write-plan'

/*
 * The runner's embedded store (LMDB, as the sandbox's): the app's authorization, the write
 * plans it has not finished, its schedule of due jobs and what it has seen of the event
 * queue. Every `put` resolves only after LMDB committed it, so what the runner acknowledged
 * (an event cleared, a plan step recorded) survives a crash.
 *
 * Keys: `plan\0<id>`, `job\0<dueAt ISO>\0<id>` (ordered by time), `jobid\0<id>` → its
 * time key, `kv\0<name>`.
 */

export interface Job {
  id: string
  /** What to do when due, e.g. `deal` (evaluate a deal again). */
  kind: string
  /** What it is about, e.g. the deal ID. */
  subject: number
  dueAt: string
}

const SEP = '\u0000'

export class RunnerStore {
  private constructor(private readonly db: RootDatabase) {}

  static open(dir: string): RunnerStore {
    return new RunnerStore(open({ path: dir, compression: false }))
  }

  close(): Promise<void> {
    return this.db.close()
  }

  // The app's journal of write plans.
  readonly journal: PlanJournal = {
    save: async (plan) => {
      await this.db.put(`plan${SEP}${plan.id}`, plan)
    },
    list: async (scope) => {
      const plans: WritePlan[] = []
      for (const { value } of this.db.getRange({ start: `plan${SEP}`, end: `plan${SEP}\uffff` })) {
        const plan = value as WritePlan
        if (scope === undefined || plan.scope === scope) plans.push(plan)
      }
      return plans.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    },
    remove: async (id) => {
      await this.db.remove(`plan${SEP}${id}`)
    },
  }

  /** Adds or moves a job: one job per ID, at its newest time. */
  async schedule(job: Job): Promise<void> {
    await this.db.transaction(() => {
      const previous = this.db.get(`jobid${SEP}${job.id}`) as string | undefined
      if (previous) this.db.remove(previous)
      const key = `job${SEP}${job.dueAt}${SEP}${job.id}`
      this.db.put(key, job)
      this.db.put(`jobid${SEP}${job.id}`, key)
    })
  }

  async unschedule(jobId: string): Promise<void> {
    await this.db.transaction(() => {
      const previous = this.db.get(`jobid${SEP}${jobId}`) as string | undefined
      if (previous) this.db.remove(previous)
      this.db.remove(`jobid${SEP}${jobId}`)
    })
  }

  /** When a job is due now, or null when it is not scheduled. */
  dueAtOf(jobId: string): string | null {
    const key = this.db.get(`jobid${SEP}${jobId}`) as string | undefined
    return key ? (this.db.get(key) as Job | undefined)?.dueAt ?? null : null
  }

  /** Jobs due at `now` or before, oldest first. */
  dueJobs(now: Date, limit = 100): Job[] {
    const jobs: Job[] = []
    for (const { value } of this.db.getRange({ start: `job${SEP}`, end: `job${SEP}${now.toISOString()}${SEP}\uffff`, limit })) jobs.push(value as Job)
    return jobs
  }

  /** The next job of one subject (for «Следующий шаг»: the next reminder and when). */
  nextJob(kind: string, subject: number): Job | null {
    for (const { value } of this.db.getRange({ start: `job${SEP}`, end: `job${SEP}\uffff` })) {
      const job = value as Job
      if (job.kind === kind && job.subject === subject) return job
    }
    return null
  }

  get<T>(name: string): T | undefined {
    return this.db.get(`kv${SEP}${name}`) as T | undefined
  }

  async set(name: string, value: unknown): Promise<void> {
    if (value === undefined) await this.db.remove(`kv${SEP}${name}`)
    else await this.db.put(`kv${SEP}${name}`, value)
  }
}
