import { RestError } from '../../../core/errors'
import type { CallContext, MethodTable, Params } from '../../../core/types'
import { APP_OPTIONS_KEY, readApp, userOptionsKey } from './app-state'

// Texts and statuses from b24restdocs `api-reference/common/system/app-info.md` and
// `api-reference/common/settings/{app,user}-option-{get,set}.md`.
const appInfoOutsideApp = () => new RestError(400, 'ACCESS_DENIED', 'Access denied! Application context required')
const optionsOutsideApp = () => new RestError(400, 'AccessException', 'Application context required')
const setOutsideApp = () => new RestError(403, 'ACCESS_DENIED', 'Access denied! Application context required')
const notAdmin = () => new RestError(403, 'ACCESS_DENIED', 'Access denied! Administrator authorization required')

function requireApp(ctx: CallContext, error: () => RestError): void {
  if (ctx.auth.type !== 'oauth') throw error()
}

function readOption(all: Record<string, unknown>, params: Params): unknown {
  const name = params.option ?? params.OPTION
  if (name === undefined || name === '') return all
  return Object.prototype.hasOwnProperty.call(all, String(name)) ? all[String(name)] : null
}

/** `options`, or (app.option.set and user.option.set) the request parameters themselves. */
function optionsToSave(params: Params, fallbackToParams: boolean): Record<string, unknown> | null {
  const options = params.options ?? params.OPTIONS
  if (options && typeof options === 'object' && !Array.isArray(options) && Object.keys(options).length) {
    return options as Record<string, unknown>
  }
  if (options === undefined && fallbackToParams && Object.keys(params).length) return { ...params }
  return null
}

export const appMethods: MethodTable = {
  'app.info': {
    scope: 'basic',
    handler: (ctx) => {
      requireApp(ctx, appInfoOutsideApp)
      const app = readApp(ctx.store)
      return {
        ID: 1,
        CODE: app.code,
        VERSION: app.version,
        STATUS: 'L',
        INSTALLED: app.installed,
        PAYMENT_EXPIRED: 'N',
        DAYS: null,
        LANGUAGE_ID: 'ru',
        LICENSE: 'ru_pro100',
        LICENSE_TYPE: 'pro100',
        LICENSE_FAMILY: 'pro',
      }
    },
  },
  'app.option.get': {
    scope: 'basic',
    handler: (ctx, params) => {
      requireApp(ctx, optionsOutsideApp)
      return readOption(ctx.store.getValue<Record<string, unknown>>(APP_OPTIONS_KEY) ?? {}, params)
    },
  },
  'app.option.set': {
    scope: 'basic',
    handler: (ctx, params) => {
      requireApp(ctx, setOutsideApp)
      if (!ctx.user.IS_ADMIN) throw notAdmin()
      const options = optionsToSave(params, true)
      if (!options) throw new RestError(400, 'ERROR_ARGUMENT', "Argument 'options' is null or empty", { argument: 'options' })
      const current = ctx.store.getValue<Record<string, unknown>>(APP_OPTIONS_KEY) ?? {}
      ctx.store.setValue(APP_OPTIONS_KEY, { ...current, ...options })
      return true
    },
  },
  // The calling user's own options of this app (b24restdocs user-option-{get,set}.md): 403 outside an
  // app; all of them, `[]` when none; a missing key reads null.
  'user.option.get': {
    scope: 'basic',
    handler: (ctx, params) => {
      requireApp(ctx, setOutsideApp)
      const all = ctx.store.getValue<Record<string, unknown>>(userOptionsKey(ctx.user.ID)) ?? {}
      const one = params.option ?? params.OPTION
      return (one === undefined || one === '') && Object.keys(all).length === 0 ? [] : readOption(all, params)
    },
  },
  // Writes only the keys given (others stay), each with the type it came in; without `options` the
  // request's parameters themselves are the settings; nothing to write is ERROR_ARGUMENT.
  'user.option.set': {
    scope: 'basic',
    handler: (ctx, params) => {
      requireApp(ctx, setOutsideApp)
      const options = optionsToSave(params, true)
      if (!options) throw new RestError(400, 'ERROR_ARGUMENT', "Argument 'options' is null or empty", { argument: 'options' })
      const key = userOptionsKey(ctx.user.ID)
      ctx.store.setValue(key, { ...(ctx.store.getValue<Record<string, unknown>>(key) ?? {}), ...options })
      return true
    },
  },
}
