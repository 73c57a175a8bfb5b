import type { PortalServices, SandboxApp } from '../core/types'
import { readApp } from '../rest/methods/system/app-state'
import type { SandboxState } from './state'

/**
 * What the portal pages (sandbox/portal) use of the server core. `onInstalled`: what else happens in the
 * store when the app finishes its install (the demo's work, sandbox/demo/work.ts).
 */
export function createPortalServices(state: SandboxState, origin: string, onInstalled?: (now: Date) => void): PortalServices {
  const app = (): SandboxApp => readApp(state.store)
  return {
    store: state.store,
    origin,
    app,
    issueTokens(userId) {
      const tokens = state.tokens.issue(userId, app().clientId)
      // Tokens persist, so a sandbox restart keeps open tabs working.
      state.commitSoon()
      return tokens
    },
    refreshTokens(refreshId) {
      const tokens = state.tokens.refresh(refreshId)
      if (tokens) state.commitSoon()
      return tokens
    },
    finishInstall() {
      state.store.setValue('app', { ...app(), installed: true })
      onInstalled?.(new Date(state.nowMs()))
      state.commitSoon()
    },
    now: () => new Date(state.nowMs()),
    exclusive: (work) => state.serial.run(work),
  }
}
