import type { LocalizedText } from '@/domain/fields/types'
import type { PlaybookFieldKey } from '@/domain/fields/playbook'
import type { Playbook, PlaybookStep } from './schema'

/** A value of a playbook field as the app read it: enum → item code, date → ISO, money → minor units. */
export type FieldValue = string | number | boolean | null | undefined

export interface DealSnapshot {
  id: number
  pipelineName: string
  stageName: string
  /** OPPORTUNITY in minor units. */
  amountMinor: number
  currency: string
  responsibleId: number
  /** Who moved the deal onto its current stage (MOVED_BY_ID). */
  movedById?: number | null
  /** When the deal entered its current stage (MOVED_TIME), ISO. */
  stageEnteredAt: string
  fields: Partial<Record<PlaybookFieldKey, FieldValue>>
}

export interface DealTask {
  id: number
  title: string
  /** Bitrix24 task status: 2 pending, 3 in progress, 4 awaiting control, 5 completed, 6 deferred. */
  status: number
  createdAt: string
  closedAt?: string | null
  deadline?: string | null
  responsibleId: number
  /** The idempotency key the app stored on the task when it created it. */
  tag?: string | null
}

export interface DealPeople {
  /** The responsible's head, resolved from the portal's departments. */
  headId?: number | null
  productManagerId?: number | null
  /** Fixed roles from settings, e.g. `{ executor: 12 }` for `role:executor`. */
  roles?: Record<string, number>
}

export interface EvaluateDealInput {
  playbook: Playbook
  deal: DealSnapshot
  tasks: readonly DealTask[]
  people: DealPeople
  /** Keys of automatic actions (notifications, e-mails, moves, reassignments) already carried out. */
  performedActionKeys?: readonly string[]
  now: Date | string | number
}

export type StepState = 'done' | 'todo' | 'waiting' | 'blocked' | 'overdue' | 'skipped'

export type WaitingOn =
  | { kind: 'steps'; stepIds: string[] }
  | { kind: 'time'; until: string }
  | { kind: 'fields'; fields: PlaybookFieldKey[] }
  | { kind: 'condition' }

export interface StepView {
  id: string
  kind: PlaybookStep['kind']
  /** Task title, or the message of a notification, or what an automatic action does (ru). */
  title: string
  state: StepState
  /** Why: what it waits on, why it is blocked or not needed. */
  explanation?: LocalizedText
  waitingOn?: WaitingOn
  blockedReason?: LocalizedText
  overdueByMs?: number
  overdueBy?: LocalizedText
  deadline?: string
  /** Existing task bound to this step. */
  taskId?: number
  /** The task was closed although its blocking check fails (it should be reopened). */
  closedTooEarly?: boolean
  /** Idempotency key of the task or action of this step (current occurrence). */
  key?: string
  /** Next occurrence of a repeating step. */
  nextAt?: string
  automatic: boolean
}

export interface TaskToCreate {
  key: string
  stepId: string
  title: string
  responsibleId: number | null
  auditorIds: number[]
  deadline: string
  description: string
}

export type AutoAction =
  | { type: 'moveStage'; key: string; stepId: string; toStageName: string }
  | { type: 'setResponsible'; key: string; stepId: string; userId: number }

export interface NotificationDue {
  key: string
  stepId: string
  channels: ('notify' | 'email')[]
  userIds: number[]
  toClient: boolean
  message: string
  /** Occurrence of a repeating notification (0 for the first). */
  index: number
  dueAt: string
}

export interface Blocker {
  stepId: string
  kind: 'check' | 'field'
  text: LocalizedText
}

export interface DealEvaluation {
  matched: boolean
  /** Why nothing matched (unknown pipeline or stage). */
  problem?: LocalizedText
  pipeline?: { key: string; name: string }
  stage?: { key: string; name: string; section?: string; final?: 'success' | 'failure' }
  needsHead: boolean
  /** Who «responsible» means now (after a pending reassignment). */
  responsibleId: number
  money: { amountMinor: number; paidMinor: number; debtMinor: number; currency: string; text: LocalizedText }
  keyFields: PlaybookFieldKey[]
  steps: StepView[]
  blockers: Blocker[]
  overdue: { stepId: string; byMs: number; text: LocalizedText }[]
  nextStage: { key: string; name: string; steps: { id: string; kind: PlaybookStep['kind']; title: string }[] } | null
  autoActions: AutoAction[]
  notificationsDue: NotificationDue[]
  tasksToCreate: TaskToCreate[]
  /** Open tasks of an earlier revision (the date they were made for has changed). */
  obsoleteTasks: { taskId: number; key: string }[]
  /** People the playbook needs that were not given (e.g. `head`). */
  missingPeople: string[]
}
