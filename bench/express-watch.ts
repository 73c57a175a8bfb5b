import { performance } from 'node:perf_hooks'
import { TASK_TABLE, type TaskRow } from '../sandbox/rest/methods/crm/tasks'
import type { Store } from '../sandbox/store/types'

/**
 * Watches the portal's task table (the sandbox runs in the bench's process) for the express
 * task of each deal, and notes when each first appeared (performance.now(), every 10 ms) and
 * how many each deal got. Only new rows are read each time.
 */
export class ExpressTaskWatch {
  readonly firstSeen = new Map<number, number>()
  readonly tasksPerDeal = new Map<number, number>()
  private lastId = 0
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(
    private readonly store: Store,
    private readonly title: string,
  ) {
    for (const row of store.table<TaskRow>(TASK_TABLE).rows()) this.lastId = row.ID
  }

  start(): this {
    this.timer = setInterval(() => this.scan(), 10)
    return this
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.scan()
  }

  /** Deals of `dealIds` with their task so far. */
  done(dealIds: readonly number[]): number {
    return dealIds.filter((id) => this.firstSeen.has(id)).length
  }

  /** Deals of `dealIds` with more than one express task. */
  doubled(dealIds: readonly number[]): number {
    return dealIds.filter((id) => (this.tasksPerDeal.get(id) ?? 0) > 1).length
  }

  private scan(): void {
    const now = performance.now()
    for (const row of this.store.table<TaskRow>(TASK_TABLE).rowsAfter(this.lastId)) {
      this.lastId = row.ID
      if (row.TITLE !== this.title) continue
      for (const binding of row.UF_CRM_TASK) {
        const dealId = Number(/^D_(\d+)$/.exec(binding)?.[1])
        if (!dealId) continue
        if (!this.firstSeen.has(dealId)) this.firstSeen.set(dealId, now)
        this.tasksPerDeal.set(dealId, (this.tasksPerDeal.get(dealId) ?? 0) + 1)
      }
    }
  }
}
