import { acceptMessage, formatReply, parseFrameMessage } from '../shared/message-parser'
import { denialOf } from '../shared/placement-interface'
import { commands, isImCommand, type Outcome } from './commands'
import { frames, type FrameHost } from './frame-host'
import { logMessage } from './message-log'

/** Listens for the app frames' postMessages and answers them as the portal does. */
export function startMessageRouter(): void {
  window.addEventListener('message', (event) => {
    void route(event)
  })
}

async function route(event: MessageEvent): Promise<void> {
  const parsed = parseFrameMessage(event.data)
  if (!parsed.ok) {
    logMessage({ dir: 'in', sid: '', command: '?', data: event.data, status: 'dropped', note: `${parsed.reason} (from ${event.origin})` })
    return
  }
  const message = parsed.message
  const accepted = acceptMessage(event.origin, event.source, message, frames, (frame) => frame.iframe.contentWindow)
  if (!accepted.ok) {
    logMessage({ dir: 'in', sid: message.appSid, command: message.command, data: message.params, status: 'dropped', note: accepted.reason })
    return
  }
  const host = accepted.frame
  const denial = denialOf(host.launch.placement, message.command, host.launch.inSlider)
  if (denial) {
    logMessage({ dir: 'in', sid: host.sid, command: message.command, data: message.params, status: 'denied', note: `${denial}; never answered` })
    return
  }
  const handler = commands[message.command]
  if (!handler) {
    const note = isImCommand(message.command) ? 'messenger command: logged only' : 'not in the placement interface: ignored'
    logMessage({ dir: 'in', sid: host.sid, command: message.command, data: message.params, status: 'ignored', note })
    return
  }
  logMessage({ dir: 'in', sid: host.sid, command: message.command, data: message.params, status: 'accepted', note: message.form === 'object' ? 'object form' : '' })
  let outcome: Outcome
  try {
    const params = message.params !== null && typeof message.params === 'object' ? (message.params as Record<string, unknown>) : {}
    outcome = await handler({ host, message, params })
  } catch (error) {
    outcome = { reply: false, note: `portal error: ${error instanceof Error ? error.message : String(error)}` }
  }
  if (outcome.reply) sendReply(host, message.command, message.callbackKey, outcome.result)
  else logMessage({ dir: 'out', sid: host.sid, command: message.command, data: null, status: 'no-reply', note: outcome.note })
}

export function sendReply(host: FrameHost, command: string, callbackKey: string, result: unknown): void {
  const text = formatReply(callbackKey, result)
  host.iframe.contentWindow?.postMessage(text, host.appOrigin)
  logMessage({ dir: 'out', sid: host.sid, command, data: result === undefined ? '(empty)' : result, status: 'reply', note: '' })
}
