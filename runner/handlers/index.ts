import type { JobHandler } from '../tick'

/**
 * What the runner does with each kind of job (`deal`, `task`, `lead`, …). Each kind lives in its
 * own file beside this one; the tick looks the job's kind up here.
 */
export const defaultHandlers: Record<string, JobHandler> = {}
