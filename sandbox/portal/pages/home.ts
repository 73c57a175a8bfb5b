import type { UserRow } from '../../core/types'
import { ENTITIES, PAGE_KINDS, listUrl } from '../crm-entities'
import { plainText } from '../field-values'
import { escapeHtml, html, raw, type SafeHtml } from '../html'
import { menuPlacements, placementTitle, viewUrl } from '../placements'
import { userName } from '../session'
import { t } from '../texts'
import { layout, type PageContext } from './layout'
import { WEBFORM_PATH } from './webform'

/** Home: who I am, where to go, my notifications and whether the app is installed. */
export function homePage(ctx: PageContext): SafeHtml {
  const { lang, user, services } = ctx
  const app = services.app()
  const notifications = user ? notificationsOf(ctx, user.ID) : []
  const body = html`
<h1>${t(lang, 'home')}</h1>
<section class="card">
  <h2>${t(lang, 'currentUser')}</h2>
  <p data-testid="current-user">${user ? userName(user) : '—'} ${user?.WORK_POSITION ? html`<span class="muted">· ${user.WORK_POSITION}</span>` : ''} ${user?.IS_ADMIN ? html`<span class="badge">${t(lang, 'admin')}</span>` : ''}</p>
</section>
<section class="card">
  <h2>${t(lang, 'crm')}</h2>
  <ul class="links">${PAGE_KINDS.map((kind) => html`<li><a href="${listUrl(kind)}">${ENTITIES[kind].listTitle[lang === 'en' ? 1 : 0]}</a> <span class="muted">(${services.store.table(ENTITIES[kind].table).size})</span></li>`)}</ul>
</section>
<section class="card">
  <h2>${t(lang, 'appPages')}</h2>
  <ul class="links">
    <li><a href="/marketplace/app/">${t(lang, 'application')}</a></li>
    <li><a href="${WEBFORM_PATH}" data-testid="webform-link">${t(lang, 'webform')}</a></li>
    ${menuPlacements(services).map((row) => html`<li><a href="${viewUrl(row)}">${placementTitle(row, lang)}</a> <span class="muted">${row.placement}</span></li>`)}
  </ul>
</section>
<section class="card">
  <h2>${t(lang, 'installState')}</h2>
  <p data-testid="install-state" data-installed="${app.installed ? 'Y' : 'N'}">${app.installed ? html`<span class="badge ok">${t(lang, 'installed')}</span>` : html`<span class="badge warn">${t(lang, 'notInstalled')}</span>`}
  <span class="muted">${app.code} · v${app.version} · ${app.handlerUrl}</span></p>
</section>
<section class="card">
  <h2>${t(lang, 'notifications')}</h2>
  ${notifications.length === 0
    ? html`<p class="muted">${t(lang, 'noNotifications')}</p>`
    : html`<ul class="notifications" data-testid="notifications">${notifications.map((n) => html`<li><span class="muted">${n.date}</span> ${n.author ? html`<b>${n.author}:</b>` : ''} ${n.message}</li>`)}</ul>`}
</section>`
  return layout(ctx, t(lang, 'home'), body)
}

interface NotificationView {
  date: string
  author: string
  message: SafeHtml
}

/** Newest first. The table is written by `im.notify.*`; field names are read defensively. */
function notificationsOf(ctx: PageContext, userId: number): NotificationView[] {
  const out: NotificationView[] = []
  for (const row of ctx.services.store.table('notifications').rows()) {
    const to = Number(row.USER_ID ?? row.userId ?? row.TO_USER_ID)
    if (to !== userId) continue
    const message = row.MESSAGE ?? row.message ?? ''
    const date = row.DATE_CREATE ?? row.DATE ?? row.date ?? row.createdAt ?? ''
    const authorId = Number(row.AUTHOR_ID ?? 0)
    const author = authorId > 0 ? userName(ctx.services.store.table<UserRow>('users').get(authorId)) : ''
    out.push({ date: plainText(date), author, message: bbCodeHtml(plainText(message)) })
  }
  return out.reverse().slice(0, 50)
}

/**
 * Notifications carry BB codes (b24restdocs chats/messages/formatting.md); the page shows them as the
 * portal's bell does: [B] [I] [U] [S] as type, [URL=…]…[/URL] as a link (http(s) or a portal path
 * only), [BR] and line breaks as breaks; any other code is dropped, its text kept. The text is
 * escaped first, so nothing in a message becomes markup but these codes.
 */
export function bbCodeHtml(text: string): SafeHtml {
  const styles: Record<string, string> = { B: 'b', I: 'i', U: 'u', S: 's' }
  const escaped = escapeHtml(text)
    .replace(/\[URL=([^\]]*)\]([\s\S]*?)\[\/URL\]/gi, (_all, href: string, label: string) =>
      /^(https?:\/\/|\/)/i.test(href) ? `<a href="${href}" target="_blank" rel="noopener">${label}</a>` : label,
    )
    .replace(/\[(\/?)([BIUS])\]/gi, (_all, close: string, code: string) => `<${close}${styles[code.toUpperCase()]}>`)
    .replace(/\[BR\]|\n/gi, '<br>')
    .replace(/\[(\/?)[a-zA-Z]+(=[^\]]*)?\]/g, '')
  return raw(escaped)
}
