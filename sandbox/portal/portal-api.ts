import type { IncomingMessage, ServerResponse } from 'node:http'
import type { PlacementRow, PortalServices, UserRow } from '../core/types'
import { ENTITIES, cardUrl, entityTitle, isEntityKind, type EntityKind } from './crm-entities'
import { frameBySid, openFrame, type FrameSession } from './frame-registry'
import { cookie, readJsonBody, redirect, safeLocalPath, sendHtml, sendJson } from './http'
import { buildInitData } from './init-data'
import { cardExtraFields, cardMainFields } from './pages/crm-card'
import { departmentMap, selectedUserView } from './people'
import { LANG_COOKIE, USER_COOKIE, allUsers, currentUser, langOf, userName } from './session'
import { isCrmDetailTab } from './shared/placement-interface'
import { WEBFORM_PATH, webformPage } from './pages/webform'
import { checkWebform, createWebformLead, objectTypeChoices, readWebformValues, webformLeadFields } from './webform-lead'

type Handler = (services: PortalServices, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>

/** JSON routes the parent page's script calls; all portal-side state changes go through here. */
const ROUTES: Record<string, Handler> = {
  'POST /portal-api/frames': openFrameRoute,
  'POST /portal-api/init-data': initDataRoute,
  'POST /portal-api/refresh': refreshRoute,
  'POST /portal-api/install-finish': installFinishRoute,
  'POST /portal-api/app-option': appOptionRoute,
  'POST /portal-api/user-option': userOptionRoute,
  'GET /portal-api/users': usersRoute,
  'GET /portal-api/access': accessRoute,
  'GET /portal-api/crm-items': crmItemsRoute,
  'GET /portal-api/card-fields': cardFieldsRoute,
  'GET /portal-api/switch-user': switchUserRoute,
  'GET /portal-api/switch-lang': switchLangRoute,
}

export async function handlePortalApi(services: PortalServices, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const route = ROUTES[`${req.method ?? 'GET'} ${url.pathname}`]
  if (!route) {
    if (!url.pathname.startsWith('/portal-api/')) return false
    sendJson(res, 404, { error: 'NOT_FOUND', error_description: `No portal route ${req.method} ${url.pathname}` })
    return true
  }
  try {
    await route(services, req, res, url)
  } catch (error) {
    sendJson(res, 400, { error: 'BAD_REQUEST', error_description: error instanceof Error ? error.message : String(error) })
  }
  return true
}

/** Opens an app frame for the current user: a bound placement row, or the app's DEFAULT page. */
async function openFrameRoute(services: PortalServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonBody(req)
  const user = currentUser(services, req)
  if (!user) return sendJson(res, 400, { error: 'NO_USER', error_description: 'The portal has no users' })
  const app = services.app()
  let handler = app.handlerUrl
  let placement = 'DEFAULT'
  if (body.placementId !== undefined) {
    const row = services.store.table<PlacementRow>('placements').get(Number(body.placementId))
    if (!row) return sendJson(res, 404, { error: 'PLACEMENT_NOT_FOUND', error_description: 'No such placement' })
    // Before installFinish the portal shows none of the app's placements.
    if (!app.installed) return sendJson(res, 403, { error: 'APP_NOT_INSTALLED', error_description: 'The app is not installed' })
    handler = row.handler
    placement = row.placement
  }
  const options = stringOptions(body.options)
  const session = openFrame(services, {
    userId: user.ID,
    isAdmin: user.IS_ADMIN === true,
    lang: langOf(req),
    handler,
    placement,
    // CRM tabs get exactly {ID}; other placements whatever the page (or openApplication) passed.
    placementOptions: isCrmDetailTab(placement) ? pick(options, 'ID') : options,
    inSlider: body.inSlider === true,
  })
  // issueTokens wrote the new token pair: make it durable before the frame uses it.
  await services.store.commit()
  sendJson(res, 200, session.launch)
}

async function initDataRoute(services: PortalServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const session = await sessionFrom(services, req, res)
  if (!session) return
  sendJson(
    res,
    200,
    buildInitData({
      portalOrigin: services.origin,
      lang: session.lang,
      tokens: session.tokens,
      memberId: session.launch.fields.find(([name]) => name === 'member_id')?.[1] ?? '',
      isAdmin: session.isAdmin,
      appOptions: services.store.getValue<Record<string, unknown>>('appOptions'),
      userOptions: services.store.getValue<Record<string, unknown>>(`userOptions:${session.userId}`),
      placement: session.placement,
      placementOptions: session.placementOptions,
      installMode: session.installMode,
    }),
  )
}

async function refreshRoute(services: PortalServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const session = await sessionFrom(services, req, res)
  if (!session) return
  const tokens = services.refreshTokens(session.tokens.REFRESH_ID)
  if (!tokens) return sendJson(res, 401, { error: 'invalid_grant', error_description: 'Refresh token is no longer valid' })
  session.tokens = tokens
  await services.store.commit()
  sendJson(res, 200, { AUTH_ID: tokens.AUTH_ID, AUTH_EXPIRES: tokens.AUTH_EXPIRES, REFRESH_ID: tokens.REFRESH_ID })
}

async function installFinishRoute(services: PortalServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const session = await sessionFrom(services, req, res)
  if (!session) return
  if (!session.isAdmin) return sendJson(res, 403, { error: 'ACCESS_DENIED', error_description: 'Only an administrator installs apps' })
  services.finishInstall()
  await services.store.commit()
  sendJson(res, 200, { installed: services.app().installed })
}

async function appOptionRoute(services: PortalServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonBody(req)
  const session = frameBySid(services, body.sid)
  if (!session) return sendJson(res, 404, { error: 'UNKNOWN_FRAME', error_description: 'No frame with this APP_SID' })
  if (!session.isAdmin || typeof body.name !== 'string') return sendJson(res, 200, { saved: false })
  const options = { ...(services.store.getValue<Record<string, unknown>>('appOptions') ?? {}), [body.name]: body.value }
  services.store.setValue('appOptions', options)
  await services.store.commit()
  sendJson(res, 200, { saved: true })
}

async function userOptionRoute(services: PortalServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonBody(req)
  const session = frameBySid(services, body.sid)
  if (!session) return sendJson(res, 404, { error: 'UNKNOWN_FRAME', error_description: 'No frame with this APP_SID' })
  if (typeof body.name !== 'string') return sendJson(res, 200, { saved: false })
  const key = `userOptions:${session.userId}`
  services.store.setValue(key, { ...(services.store.getValue<Record<string, unknown>>(key) ?? {}), [body.name]: body.value })
  await services.store.commit()
  sendJson(res, 200, { saved: true })
}

/** Users for the selectUser dialog, sub/sup relative to the frame's user. */
async function usersRoute(services: PortalServices, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const session = frameBySid(services, url.searchParams.get('sid'))
  const users = services.store.table<UserRow>('users')
  const me = session ? users.get(session.userId) : currentUser(services, req)
  const departments = departmentMap(services.store)
  sendJson(res, 200, allUsers(services).filter((u) => u.ACTIVE !== false).map((u) => selectedUserView(services.store, departments, me, u)))
}

/** Items for selectAccess: all authorised users, departments (with and without sub-departments), users. */
async function accessRoute(services: PortalServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ru = langOf(req) === 'ru'
  const items: Array<{ id: string; name: string }> = [{ id: 'AU', name: ru ? 'Все авторизованные пользователи' : 'All authorized users' }]
  for (const dep of departmentMap(services.store).values()) {
    items.push({ id: `D${dep.ID}`, name: dep.NAME })
    items.push({ id: `DR${dep.ID}`, name: ru ? `${dep.NAME} (с подотделами)` : `${dep.NAME} (with sub-departments)` })
  }
  for (const user of allUsers(services)) items.push({ id: `U${user.ID}`, name: userName(user) })
  sendJson(res, 200, items)
}

/** CRM items for selectCRM, by kind, filtered by a title search; 50 per kind at most. */
async function crmItemsRoute(services: PortalServices, _req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const kinds = (url.searchParams.get('types') ?? 'deal,company,contact,lead').split(',').filter(isEntityKind)
  const query = (url.searchParams.get('q') ?? '').toLowerCase()
  const out: Record<string, unknown[]> = {}
  for (const kind of kinds) {
    const items: unknown[] = []
    for (const row of services.store.table(ENTITIES[kind].table).rows()) {
      const title = entityTitle(kind, row)
      if (query && !title.toLowerCase().includes(query)) continue
      items.push(crmItemView(kind, row.ID, title, row))
      if (items.length >= 50) break
    }
    out[kind] = items
  }
  sendJson(res, 200, out)
}

/** A selectCRM entity as the SDK types it (`SelectedCRMEntity`): `D_12`, type, place, title, desc, url. */
function crmItemView(kind: EntityKind, id: number, title: string, row: Record<string, unknown>): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: `${ENTITIES[kind].selectPrefix}_${id}`,
    type: kind,
    place: kind,
    title,
    desc: typeof row.COMMENTS === 'string' ? row.COMMENTS.slice(0, 120) : '',
    url: cardUrl(kind === 'contact' ? 'contact' : kind, id),
  }
  if (kind === 'company' || kind === 'contact') view.image = ''
  return view
}

/** Fresh main fields of a card, for `reloadData`. */
async function cardFieldsRoute(services: PortalServices, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const kind = url.searchParams.get('kind') ?? ''
  const id = Number(url.searchParams.get('id'))
  if (!isEntityKind(kind)) return sendJson(res, 400, { error: 'BAD_KIND', error_description: 'Unknown entity kind' })
  const row = services.store.table(ENTITIES[kind].table).get(id)
  if (!row) return sendJson(res, 404, { error: 'NOT_FOUND', error_description: 'No such item' })
  const lang = langOf(req)
  sendJson(res, 200, { main: cardMainFields(services.store, kind, row, lang).value, extra: cardExtraFields(services.store, kind, row, lang).value })
}

/**
 * POST /crm/form/feedback/ (a plain HTML form, urlencoded): refused input is shown again with
 * its messages and creates nothing (400); a lead made → 303 to the thank-you page.
 */
export async function submitWebform(services: PortalServices, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const lang = langOf(req)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > 100_000) {
      sendJson(res, 413, { error: 'BODY_TOO_LARGE', error_description: 'The form is too large' })
      return true
    }
    chunks.push(chunk as Buffer)
  }
  const choices = objectTypeChoices(services)
  const values = readWebformValues(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
  const problems = checkWebform(values, choices)
  if (problems.length > 0) {
    sendHtml(res, 400, webformPage({ lang, choices, values, problems }))
    return true
  }
  await createWebformLead(services, webformLeadFields(values, choices, lang))
  res.writeHead(303, { Location: `${WEBFORM_PATH}?sent=Y` })
  res.end()
  return true
}

async function switchUserRoute(services: PortalServices, _req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const id = Number(url.searchParams.get('id'))
  const back = safeLocalPath(url.searchParams.get('back'))
  if (!services.store.table<UserRow>('users').get(id)) return redirect(res, back)
  redirect(res, back, [cookie(USER_COOKIE, String(id))])
}

async function switchLangRoute(_services: PortalServices, _req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'ru'
  redirect(res, safeLocalPath(url.searchParams.get('back')), [cookie(LANG_COOKIE, lang)])
}

async function sessionFrom(services: PortalServices, req: IncomingMessage, res: ServerResponse): Promise<FrameSession | undefined> {
  const body = await readJsonBody(req)
  const session = frameBySid(services, body.sid)
  if (!session) sendJson(res, 404, { error: 'UNKNOWN_FRAME', error_description: 'No frame with this APP_SID' })
  return session
}

/** PLACEMENT_OPTIONS values travel as strings, e.g. {"ID":"42"}. */
function stringOptions(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {}
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) out[key] = typeof item === 'number' ? String(item) : item
  return out
}

function pick(options: Record<string, unknown>, key: string): Record<string, unknown> {
  return key in options ? { [key]: options[key] } : {}
}
