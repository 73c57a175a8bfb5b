import type { IncomingMessage, ServerResponse } from 'node:http'
import type { PlacementRow, PortalServices } from '../core/types'
import { serveAsset } from './assets'
import { isEntityKind } from './crm-entities'
import { sendHtml, sendJson } from './http'
import type { SafeHtml } from './html'
import { appLinkPage, defaultAppPage, notFoundPage, placementViewPage } from './pages/app-page'
import { crmCardPage } from './pages/crm-card'
import { crmListPage } from './pages/crm-list'
import { homePage } from './pages/home'
import type { PageContext } from './pages/layout'
import { WEBFORM_PATH, webformPage } from './pages/webform'
import { handlePortalApi, submitWebform } from './portal-api'
import { linkParams, REST_APP_URI } from './app-link'
import { objectTypeChoices } from './webform-lead'
import { allUsers, currentUser, langOf } from './session'
import { t } from './texts'

/**
 * Entry point the sandbox server calls for every request on the portal port that is not
 * `/rest/...` or `/sandbox-api/...`. Returns false for paths the portal pages do not serve.
 */
export async function handlePortalRequest(req: IncomingMessage, res: ServerResponse, services: PortalServices): Promise<boolean> {
  const url = new URL(req.url ?? '/', services.origin)
  try {
    if (url.pathname.startsWith('/portal-assets/')) return await serveAsset(url.pathname, res)
    if (url.pathname.startsWith('/portal-api/')) return await handlePortalApi(services, req, res, url)
    if (isWebformPath(url.pathname) && req.method === 'POST') return await submitWebform(services, req, res)
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    const page = renderPage(services, req, url)
    if (!page) return false
    sendHtml(res, page.status, page.html)
    return true
  } catch (error) {
    if (!res.headersSent) sendJson(res, 500, { error: 'PORTAL_ERROR', error_description: error instanceof Error ? error.message : String(error) })
    return true
  }
}

function renderPage(services: PortalServices, req: IncomingMessage, url: URL): { status: number; html: SafeHtml } | null {
  const ctx: PageContext = {
    services,
    lang: langOf(req),
    user: currentUser(services, req),
    users: allUsers(services).filter((u) => u.ACTIVE !== false),
    path: url.pathname + url.search,
    bare: url.searchParams.get('IFRAME') === 'Y',
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`
  if (path === '/') return ok(homePage(ctx))
  if (path === WEBFORM_PATH) return ok(webformPage({ lang: ctx.lang, choices: objectTypeChoices(services), sent: url.searchParams.get('sent') === 'Y' }))
  if (path === '/marketplace/app/') return ok(defaultAppPage(ctx, url.searchParams.get('install_finished') === 'Y'))

  const view = /^\/marketplace\/view\/([A-Z0-9_]+)\/(\d+)\/$/.exec(path)
  if (view) {
    const row = services.store.table<PlacementRow>('placements').get(Number(view[2]))
    if (!row || row.placement !== view[1] || !services.app().installed) return missing(ctx, t(ctx.lang, 'placementNotFound'))
    return ok(placementViewPage(ctx, row))
  }

  // A link to the app (b24restdocs widgets/universal/app-url.md): /marketplace/view/<app code or client_id>/?params[k]=v
  // opens the app's REST_APP_URI handler with PLACEMENT_OPTIONS {"k":"v"}; nothing before installFinish or without the binding.
  const link = /^\/marketplace\/view\/([^/]+)\/$/.exec(path)
  if (link) {
    const app = services.app()
    const code = decodeURIComponent(link[1]!)
    if (code !== app.clientId && code !== app.code) return missing(ctx, t(ctx.lang, 'appNotFound'))
    const row = [...services.store.table<PlacementRow>('placements').rows()].find((p) => p.placement === REST_APP_URI)
    if (!row || !app.installed) return missing(ctx, t(ctx.lang, 'placementNotFound'))
    return ok(appLinkPage(ctx, row, linkParams(url.searchParams)))
  }

  const list = /^\/crm\/([a-z]+)\/list\/$/.exec(path)
  if (list?.[1] && isEntityKind(list[1])) return ok(crmListPage(ctx, list[1], Number(url.searchParams.get('page') ?? 1) || 1))

  const card = /^\/crm\/([a-z]+)\/details\/(\d+)\/$/.exec(path)
  if (card?.[1] && isEntityKind(card[1])) {
    const page = crmCardPage(ctx, card[1], Number(card[2]), url.searchParams.get('tab') ?? 'general')
    return page ? ok(page) : missing(ctx, t(ctx.lang, 'entityNotFound'))
  }
  return null
}

function isWebformPath(pathname: string): boolean {
  return pathname === WEBFORM_PATH || `${pathname}/` === WEBFORM_PATH
}

function ok(html: SafeHtml): { status: number; html: SafeHtml } {
  return { status: 200, html }
}

function missing(ctx: PageContext, text: string): { status: number; html: SafeHtml } {
  return { status: 404, html: notFoundPage(ctx, text) }
}
