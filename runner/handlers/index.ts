import type { JobHandler } from '../tick'
import { dealJobHandler } from './deal'
import { leadJobHandler } from './lead'
import { taskJobHandler } from './task'

/**
 * What the runner does with each kind of job (`deal`, `task`, `lead`, …). Each kind lives in its
 * own file beside this one; the tick looks the job's kind up here.
 */
export const defaultHandlers: Record<string, JobHandler> = {
  deal: dealJobHandler,
  task: taskJobHandler,
  lead: leadJobHandler,
}
