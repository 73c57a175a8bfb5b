import type { SandboxApp } from '../../../core/types'
import type { Store } from '../../../store/types'
import { createApp } from '../../../demo/people'

/** The one local app (store value `app`); a store without it gets the default, uninstalled. */
export function readApp(store: Store): SandboxApp {
  const app = store.getValue<SandboxApp>('app')
  if (app) return app
  const fresh = createApp('http://localhost:4001/')
  store.setValue('app', fresh)
  return fresh
}

export const APP_OPTIONS_KEY = 'appOptions'
export const userOptionsKey = (userId: number) => `userOptions:${userId}`
