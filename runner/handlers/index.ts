import { MAX_DEALS } from '@/b24/deal-screen/deal-screens'
import type { KindHandler } from '../tick'
import { digestJobHandler } from '../digest/digest-job'
import { approvalHandlers } from './approvals'
import { companySummaryHandlers } from './company-summary'
import { dealBatchHandler } from './deal'
import { leadJobHandler } from './lead'
import { TASK_JOBS, taskBatchHandler } from './task'

/**
 * What the runner does with each kind of job (`deal`, `task`, `lead`, …). Each kind lives in its
 * own file beside this one; the tick looks the job's kind up here.
 */
export const defaultHandlers: Record<string, KindHandler> = {
  deal: { batch: dealBatchHandler, size: MAX_DEALS },
  task: { batch: taskBatchHandler, size: TASK_JOBS },
  lead: leadJobHandler,
  digest: digestJobHandler,
  ...approvalHandlers,
  ...companySummaryHandlers,
}
