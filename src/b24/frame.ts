import { ApiVersion, initializeB24Frame } from '@bitrix24/b24jssdk'
import type { B24Frame } from '@bitrix24/b24jssdk'
import { FRAME_RESTRICTIONS } from './frame-restrictions'
import type { FrameFacts } from './placement-context'

export { FRAME_RESTRICTIONS }

/**
 * One B24Frame per page. It is never destroyed: SDK 2.2.0 keeps its init promise
 * after `destroy()`, so a destroyed frame would be handed out again and hang.
 */
let framePromise: Promise<B24Frame> | null = null

export type FrameFailure = 'outside' | 'no-answer' | 'error'

export class FrameBootError extends Error {
  constructor(
    readonly reason: FrameFailure,
    readonly detail?: unknown,
  ) {
    super(`Bitrix24 frame: ${reason}`)
  }
}

/** How long to wait for the portal's `getInitData` reply (the SDK itself waits forever). */
export const INIT_TIMEOUT_MS = 20_000


export function getFrame(timeoutMs = INIT_TIMEOUT_MS): Promise<B24Frame> {
  if (!framePromise) {
    framePromise = withTimeout(initializeB24Frame({ restrictionParams: FRAME_RESTRICTIONS }), timeoutMs).catch((error: unknown) => {
      framePromise = null // let a later call retry, as the SDK does
      throw toBootError(error)
    })
  }
  return framePromise
}

/** The SDK rejects with this code when `window.name` does not describe a portal frame. */
export function isOutsideBitrix(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'JSSDK_CLIENT_SIDE_WARNING'
}

function toBootError(error: unknown): FrameBootError {
  if (error instanceof FrameBootError) return error
  return new FrameBootError(isOutsideBitrix(error) ? 'outside' : 'error', error)
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new FrameBootError('no-answer')), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

/** The plain facts the shell needs, read once from the initialised frame. */
export function frameFacts(b24: B24Frame): FrameFacts {
  return {
    placement: b24.placement.placement,
    placementOptions: b24.placement.options as unknown,
    lang: b24.getLang(),
    isAdmin: b24.auth.isAdmin,
    installMode: b24.isInstallMode,
  }
}

/** The axios instance that sends the frame's REST v2 requests (for counting them). */
export function restHttpClient(b24: B24Frame) {
  return b24.getHttpClient(ApiVersion.v2).ajaxClient
}
