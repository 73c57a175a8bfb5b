import type { SandboxApp } from '../../../core/types'
import type { Store } from '../../../store/types'
import { createApp, newApplicationToken, newClientSecret } from '../../../demo/people'

/**
 * The one local app (store value `app`); a store without it gets the default, uninstalled. A store
 * written before the app had a client secret and an application_token gets them now.
 */
export function readApp(store: Store): SandboxApp {
  const app = store.getValue<SandboxApp>('app')
  if (app && app.clientSecret && app.applicationToken) return app
  const fresh = app ? { ...app, clientSecret: app.clientSecret || newClientSecret(), applicationToken: app.applicationToken || newApplicationToken() } : createApp('http://localhost:4001/')
  store.setValue('app', fresh)
  return fresh
}

export const APP_OPTIONS_KEY = 'appOptions'
export const userOptionsKey = (userId: number) => `userOptions:${userId}`
