import type { ApprovalSettings, Effect, TaskRecord, TimelineRecord, TripRequestInput } from '@/domain/approvals'

/**
 * The portal's side of an effect list, for tests: it stamps every record with the caller
 * (as Bitrix24 sets AUTHOR_ID / CREATED_BY) and honours idempotency keys like the gateway.
 */
export class FakePortal {
  comments: (TimelineRecord & { dealId: number })[] = []
  tasks: TaskRecord[] = []
  notifications: { userId: number; message: string; from: number }[] = []
  cache = new Map<number, { status: string; round: number }>()
  auditors = new Map<number, number[]>()
  private keys = new Set<string>()
  private nextId = 1
  private clock = Date.parse('2026-03-01T09:00:00Z')

  now(): string {
    this.clock += 60_000
    return new Date(this.clock).toISOString()
  }

  apply(caller: number, effects: readonly Effect[]): void {
    for (const effect of effects) {
      if (this.keys.has(effect.key)) continue
      this.keys.add(effect.key)
      const id = this.nextId++
      switch (effect.kind) {
        case 'timeline-comment':
          this.comments.push({ id, dealId: effect.dealId, authorId: caller, created: this.now(), text: effect.text })
          break
        case 'create-task':
          this.tasks.push({
            id,
            createdBy: caller,
            responsibleId: effect.responsibleId,
            createdDate: this.now(),
            title: effect.title,
            description: effect.description,
            status: effect.completeOnCreate ? 5 : 2,
            changedBy: caller,
          })
          this.auditors.set(id, effect.auditors ?? [])
          break
        case 'complete-task': {
          const task = this.tasks.find((t) => t.id === effect.taskId)
          if (task) {
            task.status = 5
            task.changedBy = caller
          }
          break
        }
        case 'notify':
          this.notifications.push({ userId: effect.userId, message: effect.message, from: caller })
          break
        case 'cache-state':
          this.cache.set(effect.dealId, { status: effect.status, round: effect.round })
          break
      }
    }
  }

  /** What a user could write by calling REST directly: any text, the portal stamps the author. */
  forgeComment(caller: number, dealId: number, text: string): void {
    this.comments.push({ id: this.nextId++, dealId, authorId: caller, created: this.now(), text })
  }

  forgeTask(caller: number, task: Omit<TaskRecord, 'id' | 'createdBy' | 'createdDate' | 'status'>): void {
    this.tasks.push({ ...task, id: this.nextId++, createdBy: caller, createdDate: this.now(), status: 2, changedBy: caller })
  }

  /** tasks.task.update by someone allowed to edit: the portal stamps CHANGED_BY. */
  editTask(caller: number, taskId: number, patch: Partial<Pick<TaskRecord, 'description' | 'responsibleId'>>): void {
    const task = this.tasks.find((t) => t.id === taskId)!
    Object.assign(task, patch, { changedBy: caller })
  }

  timeline(dealId: number): TimelineRecord[] {
    return this.comments.filter((c) => c.dealId === dealId)
  }
}

/** The demo portal's people in the approval tests (sandbox users 3, 6, 7). */
export const MANAGER = 3
export const APPROVER = 6
export const ACCOUNTANT = 7
export const approvalSettings: ApprovalSettings = { contractApprovers: { '1': APPROVER }, tripApprover: APPROVER, accountant: ACCOUNTANT }
export const demoTrip: TripRequestInput = {
  destination: 'Екатеринбург',
  dateFrom: '2026-12-14',
  dateTo: '2026-12-16',
  purpose: 'Вибродиагностика',
  budget: { amount: 45000, currency: 'RUB' },
  dealId: 12,
}
