import { RestError } from '../../../core/errors'
import type { MethodTable, Params, PlacementRow } from '../../../core/types'
import { checkHandlerUrl } from './handler-url'

const CRM_TYPES = ['LEAD', 'DEAL', 'CONTACT', 'COMPANY'] as const
const CRM_SPOTS = ['DETAIL_TAB', 'DETAIL_ACTIVITY', 'DETAIL_TOOLBAR', 'LIST_MENU', 'LIST_TOOLBAR'] as const

/** Placement codes the sandbox knows (b24restdocs `api-reference/widgets/placements.md`), by scope. */
export const PLACEMENT_CODES: Record<string, string[]> = {
  crm: [...CRM_TYPES.flatMap((type) => CRM_SPOTS.map((spot) => `CRM_${type}_${spot}`)), 'CRM_ANALYTICS_MENU'],
  placement: ['LEFT_MENU', 'REST_APP_URI', 'PAGE_BACKGROUND_WORKER'],
}
const ALL_CODES = new Set(Object.values(PLACEMENT_CODES).flat())
/** Only these placements accept `USER_ID` (placement-bind.md). */
const USER_MODE = new Set(['PAGE_BACKGROUND_WORKER'])

const argument = (name: string) =>
  new RestError(400, 'ERROR_ARGUMENT', `Argument '${name}' is null or empty`, { argument: name })

const text = (params: Params, name: string) => {
  const value = params[name] ?? params[name.toLowerCase()]
  return value === undefined || value === null ? '' : String(value)
}
const objectParam = (params: Params, name: string) => {
  const value = params[name] ?? params[name.toLowerCase()]
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

function requirePlacement(params: Params): string {
  const placement = text(params, 'PLACEMENT').toUpperCase()
  if (!placement) throw argument('PLACEMENT')
  return placement
}

const placementView = (row: PlacementRow) => ({
  placement: row.placement,
  userId: row.userId,
  handler: row.handler,
  options: row.options,
  title: row.title,
  description: row.description,
  langAll: row.langAll,
})

/** placement.* (b24restdocs `api-reference/widgets/placement-{bind,unbind,get,list}.md`); table `placements`. */
export const placementMethods: MethodTable = {
  'placement.bind': {
    scope: 'placement',
    appContextOnly: true,
    adminOnly: true,
    handler: ({ store, allowLocalHandlers }, params) => {
      const placement = requirePlacement(params)
      if (!ALL_CODES.has(placement)) throw new RestError(400, 'ERROR_PLACEMENT_NOT_FOUND', 'Placement not found')
      const handler = text(params, 'HANDLER')
      if (!handler) throw argument('HANDLER')
      // A public http(s) URL; localhost and private addresses only when the sandbox allows them (handler-url.ts).
      checkHandlerUrl(handler, allowLocalHandlers)
      const userId = Number(text(params, 'USER_ID') || 0)
      if (userId && !USER_MODE.has(placement)) throw new RestError(400, 'ERROR_PLACEMENT_USER_MODE', 'User mode is not available')
      const langAll = (objectParam(params, 'LANG_ALL') ?? {}) as PlacementRow['langAll']
      const firstLang = Object.values(langAll)[0]
      const fields: Omit<PlacementRow, 'ID'> = {
        placement,
        handler,
        title: text(params, 'TITLE') || langAll.ru?.TITLE || firstLang?.TITLE || '',
        description: text(params, 'DESCRIPTION') || langAll.ru?.DESCRIPTION || '',
        groupName: text(params, 'GROUP_NAME') || langAll.ru?.GROUP_NAME || '',
        langAll,
        options: objectParam(params, 'OPTIONS') ?? [],
        userId,
      }
      const table = store.table<PlacementRow>('placements')
      // Binding the same handler again is undocumented; the sandbox keeps one row and updates it.
      const existing = [...table.rows()].find((row) => row.placement === placement && row.handler === handler && row.userId === userId)
      if (existing) table.update(existing.ID, fields)
      else table.insert(fields)
      return true
    },
  },
  'placement.unbind': {
    scope: 'placement',
    appContextOnly: true,
    adminOnly: true,
    handler: ({ store }, params) => {
      const placement = requirePlacement(params)
      const handler = text(params, 'HANDLER')
      const userId = text(params, 'USER_ID')
      const table = store.table<PlacementRow>('placements')
      const found = [...table.rows()].filter(
        (row) => row.placement === placement && (!handler || row.handler === handler) && (!userId || row.userId === Number(userId)),
      )
      let count = found.length
      // placement-unbind.md: `count` grows by 1 per handler found and by 1 more per handler removed.
      for (const row of found) if (table.delete(row.ID)) count++
      return { count }
    },
  },
  'placement.get': {
    scope: 'placement',
    appContextOnly: true,
    adminOnly: true,
    handler: ({ store }) => [...store.table<PlacementRow>('placements').rows()].map(placementView),
  },
  'placement.list': {
    scope: 'placement',
    appContextOnly: true,
    handler: (_ctx, params) => {
      const scope = text(params, 'SCOPE').toLowerCase()
      if (scope) return PLACEMENT_CODES[scope] ?? []
      return Object.values(PLACEMENT_CODES).flat()
    },
  },
}

