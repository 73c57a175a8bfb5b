import type { Store } from '../../../store/types'
import { EVENT_HANDLERS_TABLE, type EventHandlerRow } from './offline-queue'

/**
 * Online events waiting to be sent to their handler URLs (b24restdocs `api-reference/events/index.md`,
 * `events/event-bind.md`): a REST call raises them, the server sends them once the call's changes are
 * committed (server/event-dispatcher.ts). In memory: an event raised just before a crash is not sent,
 * as the portal's own queue may lose one too; the offline queue is the durable channel.
 */
export interface OnlineDelivery {
  handlerId: number
  handler: string
  eventName: string
  data: Record<string, unknown>
  /** Whose token goes in `auth`: the binding's auth_type user, else the user whose action raised it. */
  authUserId: number
  /** Unix seconds on the sandbox clock (`ts`). */
  ts: number
}

const outboxes = new WeakMap<Store, OnlineDelivery[]>()

/** Queues one delivery per online binding of `eventName`. */
export function queueOnlineEvent(store: Store, eventName: string, data: Record<string, unknown>, userId: number, now: Date): void {
  for (const binding of store.table<EventHandlerRow>(EVENT_HANDLERS_TABLE).rows()) {
    if (binding.OFFLINE || binding.EVENT_NAME !== eventName || !binding.EVENT_HANDLER) continue
    let box = outboxes.get(store)
    if (!box) outboxes.set(store, (box = []))
    box.push({
      handlerId: binding.ID,
      handler: binding.EVENT_HANDLER,
      eventName,
      data,
      authUserId: binding.USER_ID > 0 ? binding.USER_ID : userId,
      ts: Math.floor(now.getTime() / 1000),
    })
  }
}

/** Everything queued so far, emptied. */
export function takeOnlineEvents(store: Store): OnlineDelivery[] {
  const box = outboxes.get(store) ?? []
  outboxes.delete(store)
  return box
}
