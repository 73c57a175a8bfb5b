import type { KindHandler } from '../tick'
import { approvalHandlers } from './approvals'
import { dealBatchHandler } from './deal'
import { leadJobHandler } from './lead'
import { taskBatchHandler } from './task'

/**
 * What the runner does with each kind of job (`deal`, `task`, `lead`, …). Each kind lives in its
 * own file beside this one; the tick looks the job's kind up here.
 */
export const defaultHandlers: Record<string, KindHandler> = {
  deal: { batch: dealBatchHandler },
  task: { batch: taskBatchHandler },
  lead: leadJobHandler,
  ...approvalHandlers,
}
