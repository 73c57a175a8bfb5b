import { isWriteMethod, type CallCounts } from '../sandbox/rest/call-counter'

/**
 * What the runner cost the portal over a window of the sandbox's call counts: its HTTP requests
 * (every request made with the app's tokens; a batch is one) and the effects it wrote — tasks
 * created, deal updates, notifications and the other writes. Reading and clearing the event
 * queue are the runner's bookkeeping, not effects.
 */
export interface RunnerCosts {
  requests: number
  effects: number
  tasks: number
  dealUpdates: number
  notifications: number
  otherWrites: number
  /** The app's calls by method (batch commands one by one), to see where the requests went. */
  byMethod: Record<string, number>
}

export function runnerCosts(calls: CallCounts): RunnerCosts {
  const appSources = Object.keys(calls.requests).filter((source) => source.startsWith('app:'))
  const costs: RunnerCosts = { requests: 0, effects: 0, tasks: 0, dealUpdates: 0, notifications: 0, otherWrites: 0, byMethod: {} }
  for (const source of appSources) {
    costs.requests += calls.requests[source] ?? 0
    for (const [method, count] of Object.entries(calls.bySource[source] ?? {})) {
      costs.byMethod[method] = (costs.byMethod[method] ?? 0) + count
      if (!isWriteMethod(method) || method.startsWith('event.offline.')) continue
      costs.effects += count
      if (method === 'tasks.task.add') costs.tasks += count
      else if (method === 'crm.deal.update') costs.dealUpdates += count
      else if (method.startsWith('im.notify')) costs.notifications += count
      else costs.otherWrites += count
    }
  }
  return costs
}
