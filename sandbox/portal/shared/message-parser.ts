/**
 * The portal's reading of a message an app frame posts (reference §2.1), shared by the
 * parent page's browser script and the unit tests.
 *
 * String form: `COMMAND[:PARAMS]:CALLBACK_KEY:APP_SID`. PARAMS may itself contain `:`,
 * so, as the portal's applayout.js does: first = command, last = sid, second-to-last =
 * callback key, everything between re-joined with `:` = JSON params (absent → none).
 * Object form (commands whose names contain `:`): `{method, params, callback, appSid}`.
 */
export interface FrameMessage {
  form: 'string' | 'object'
  command: string
  /** Parsed params; `undefined` when the message carried none. */
  params: unknown
  callbackKey: string
  appSid: string
}

export type ParseResult = { ok: true; message: FrameMessage } | { ok: false; reason: string }

export function parseFrameMessage(data: unknown): ParseResult {
  if (typeof data === 'string') return parseStringForm(data)
  if (data !== null && typeof data === 'object') return parseObjectForm(data as Record<string, unknown>)
  return { ok: false, reason: `unsupported message type: ${typeof data}` }
}

function parseStringForm(data: string): ParseResult {
  const parts = data.split(':')
  if (parts.length < 3) return { ok: false, reason: 'string message needs at least COMMAND:KEY:SID' }
  const command = parts[0] ?? ''
  const appSid = parts[parts.length - 1] ?? ''
  const callbackKey = parts[parts.length - 2] ?? ''
  const rawParams = parts.slice(1, -2).join(':')
  if (!command) return { ok: false, reason: 'empty command' }
  let params: unknown
  if (rawParams !== '') {
    try {
      params = JSON.parse(rawParams)
    } catch {
      return { ok: false, reason: `params are not JSON: ${rawParams.slice(0, 80)}` }
    }
  }
  return { ok: true, message: { form: 'string', command, params, callbackKey, appSid } }
}

function parseObjectForm(data: Record<string, unknown>): ParseResult {
  const { method, params, callback, appSid } = data
  if (typeof method !== 'string' || method === '') return { ok: false, reason: 'object message without method' }
  return {
    ok: true,
    message: {
      form: 'object',
      command: method,
      params: params === '' ? undefined : params,
      callbackKey: typeof callback === 'string' ? callback : '',
      appSid: typeof appSid === 'string' ? appSid : '',
    },
  }
}

/** The portal's reply: `KEY:` + JSON, or `KEY:` alone when there is no result (§2.2). */
export function formatReply(callbackKey: string, result: unknown): string {
  return result === undefined ? `${callbackKey}:` : `${callbackKey}:${JSON.stringify(result)}`
}

export interface FrameIdentity {
  sid: string
  appOrigin: string
}

export type Acceptance<F> = { ok: true; frame: F } | { ok: false; reason: string }

/**
 * Which frame a message belongs to, checked as the portal checks it: the sender's origin
 * must be an app origin, the APP_SID must be that of a live frame, and the sending window
 * must be that frame's own window.
 */
export function acceptMessage<F extends FrameIdentity>(
  origin: string,
  source: unknown,
  message: FrameMessage,
  frames: readonly F[],
  windowOf: (frame: F) => unknown,
): Acceptance<F> {
  if (!frames.some((f) => f.appOrigin === origin)) return { ok: false, reason: `wrong origin ${origin}` }
  const frame = frames.find((f) => f.sid === message.appSid)
  if (!frame) return { ok: false, reason: `unknown APP_SID ${message.appSid || '(empty)'}` }
  if (frame.appOrigin !== origin) return { ok: false, reason: `origin ${origin} is not the frame's ${frame.appOrigin}` }
  if (windowOf(frame) !== source) return { ok: false, reason: 'sent from a window other than the frame of that APP_SID' }
  return { ok: true, frame }
}
