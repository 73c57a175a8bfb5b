import type { PlacementRow } from '../../core/types'
import { html, type SafeHtml } from '../html'
import { placementTitle } from '../placements'
import { t } from '../texts'
import { appFrameSlot, layout, type PageContext } from './layout'

/** `/marketplace/app/`: the app's DEFAULT page (where the install runs). */
export function defaultAppPage(ctx: PageContext, installFinished: boolean): SafeHtml {
  const { lang, services } = ctx
  const app = services.app()
  const body = html`
<h1 data-testid="app-title">${t(lang, 'application')}</h1>
${installFinished ? html`<p class="badge ok" data-testid="install-finished">${t(lang, 'installed')}</p>` : ''}
${app.installed ? '' : html`<p class="badge warn">${t(lang, 'notInstalledYet')}</p>`}
${appFrameSlot({ placement: 'DEFAULT' }, 'page')}`
  return layout(ctx, t(lang, 'application'), body)
}

/** `/marketplace/view/<placement>/<id>/`: a LEFT_MENU or CRM_ANALYTICS_MENU page. */
export function placementViewPage(ctx: PageContext, row: PlacementRow): SafeHtml {
  const title = placementTitle(row, ctx.lang)
  const body = html`<h1>${title}</h1>${appFrameSlot({ placementId: row.ID }, 'page')}`
  return layout(ctx, title, body)
}

/**
 * `/marketplace/view/<app code>/?params[…]`: the app's REST_APP_URI handler, opened as the portal opens
 * it from a link — in its slider, with the link's `params` as PLACEMENT_OPTIONS.
 */
export function appLinkPage(ctx: PageContext, row: PlacementRow, params: Record<string, string>): SafeHtml {
  const title = placementTitle(row, ctx.lang)
  const body = html`<h1>${title}</h1>${appFrameSlot({ placementId: row.ID, options: params, inSlider: true }, 'page')}`
  return layout(ctx, title, body)
}

export function notFoundPage(ctx: PageContext, text: string): SafeHtml {
  return layout(ctx, text, html`<h1>${text}</h1><p><a href="/">${t(ctx.lang, 'home')}</a></p>`)
}
