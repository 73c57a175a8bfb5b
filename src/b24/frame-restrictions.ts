/**
 * The SDK resends a request that timed out or lost its connection, including a create the
 * portal may already have carried out: a second deal, task or comment. So transport
 * faults reach the gateway at once; it retries reads itself and makes creates
 * idempotent (createOnce looks for the record before it creates again).
 * The SDK's own waits on 503/429 are off too (`maxRetries: 1`, one attempt): it waits in
 * silence, up to ten seconds a time, while a write plan waits with a countdown the user sees
 * and can cancel, and the gateway retries reads itself.
 */
export const FRAME_RESTRICTIONS = { retryOnNetworkError: false, maxRetries: 1 } as const
