import type { UserRow } from '../../core/types'
import { ENTITIES, PAGE_KINDS, listUrl } from '../crm-entities'
import { html, type SafeHtml } from '../html'
import { menuPlacements, placementTitle, viewUrl } from '../placements'
import type { PortalServices } from '../../core/types'
import { userName, type Lang } from '../session'
import { t } from '../texts'

export interface PageContext {
  services: PortalServices
  lang: Lang
  user: UserRow | undefined
  users: UserRow[]
  /** Path + query of this page (the target of the switches' «back»). */
  path: string
  /** Opened inside a slider (`IFRAME=Y`): no portal chrome. */
  bare: boolean
}

/** The portal's page shell: top bar with the user and language switches, left menu, content, message log. */
export function layout(ctx: PageContext, title: string, body: SafeHtml): SafeHtml {
  const { lang } = ctx
  const head = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t(lang, 'portal')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/portal-assets/portal.css">
<script src="/portal-assets/portal.js" defer></script>
</head>`
  if (ctx.bare) {
    return html`${head}<body class="bare" data-lang="${lang}"><main class="content">${body}</main>${logPanel(lang)}</body></html>`
  }
  return html`${head}
<body data-lang="${lang}">
<header class="topbar">
  <a class="logo" href="/"><span class="logo-b">Битрикс</span><span class="logo-24">24</span><span class="logo-tag">sandbox</span></a>
  <div class="topbar-spacer"></div>
  <label class="switch">${t(lang, 'language')}
    <select data-switch="lang">
      <option value="ru" ${lang === 'ru' ? 'selected' : ''}>Русский</option>
      <option value="en" ${lang === 'en' ? 'selected' : ''}>English</option>
    </select>
  </label>
  <label class="switch">${t(lang, 'currentUser')}
    <select data-switch="user" data-testid="user-switch">
      ${ctx.users.map(
        (u) => html`<option value="${u.ID}" ${u.ID === ctx.user?.ID ? 'selected' : ''}>${userName(u)}${u.IS_ADMIN ? ` (${t(lang, 'admin')})` : ''}</option>`,
      )}
    </select>
  </label>
</header>
<div class="shell">
  <nav class="leftmenu">
    <a href="/">${t(lang, 'home')}</a>
    <div class="menu-group">${t(lang, 'crm')}</div>
    ${PAGE_KINDS.map((kind) => html`<a href="${listUrl(kind)}">${ENTITIES[kind].listTitle[lang === 'en' ? 1 : 0]}</a>`)}
    <div class="menu-group">${t(lang, 'appPages')}</div>
    <a href="/marketplace/app/">${t(lang, 'application')}</a>
    ${menuPlacements(ctx.services).map((row) => html`<a href="${viewUrl(row)}">${placementTitle(row, lang)}</a>`)}
  </nav>
  <main class="content">
    ${body}
  </main>
</div>
${logPanel(lang)}
</body>
</html>`
}

function logPanel(lang: Lang): SafeHtml {
  return html`<details class="message-log" id="message-log">
  <summary>${t(lang, 'messageLog')} <span class="log-count" data-log-count>0</span></summary>
  <div class="log-tools"><button type="button" data-log-clear>${t(lang, 'clear')}</button></div>
  <table><thead><tr><th>time</th><th>dir</th><th>frame</th><th>command</th><th>params / result</th><th>status</th></tr></thead>
  <tbody data-log-rows></tbody></table>
</details>`
}

/** A slot the browser script fills with an app frame, launched through `/portal-api/frames`. */
export function appFrameSlot(request: Record<string, unknown>, extraClass = ''): SafeHtml {
  return html`<div class="app-frame ${extraClass}" data-frame-request="${JSON.stringify(request)}"></div>`
}
