import { ENTITIES, cardUrl, entityTitle, label, listUrl, type EntityKind } from '../crm-entities'
import { renderFieldValue } from '../field-values'
import { html, type SafeHtml } from '../html'
import { t } from '../texts'
import { layout, type PageContext } from './layout'

export const LIST_PAGE_SIZE = 50

/** A CRM list: 50 rows a page in ID order, each row opening its card. */
export function crmListPage(ctx: PageContext, kind: EntityKind, pageNumber: number): SafeHtml {
  const { lang, services } = ctx
  const spec = ENTITIES[kind]
  const table = services.store.table(spec.table)
  const pages = Math.max(1, Math.ceil(table.size / LIST_PAGE_SIZE))
  const page = Math.min(Math.max(1, pageNumber), pages)
  const rows = []
  let index = 0
  const from = (page - 1) * LIST_PAGE_SIZE
  for (const row of table.rows()) {
    if (index >= from + LIST_PAGE_SIZE) break
    if (index >= from) rows.push(row)
    index++
  }
  const title = spec.listTitle[lang === 'en' ? 1 : 0]
  const body = html`
<h1>${title} <span class="muted">${table.size}</span></h1>
<section class="card">
<table class="grid" data-testid="crm-list">
  <thead><tr><th>ID</th>${spec.listColumns.map((col) => html`<th>${label(col, lang)}</th>`)}</tr></thead>
  <tbody>
  ${rows.length === 0 ? html`<tr><td colspan="${spec.listColumns.length + 1}" class="muted">${t(lang, 'empty')}</td></tr>` : ''}
  ${rows.map(
    (row) => html`<tr>
      <td>${row.ID}</td>
      ${spec.listColumns.map((col, i) =>
        i === 0
          ? html`<td><a href="${cardUrl(kind, row.ID)}">${entityTitle(kind, row)}</a></td>`
          : html`<td>${renderFieldValue(services.store, col, row)}</td>`,
      )}
    </tr>`,
  )}
  </tbody>
</table>
<div class="pager">
  ${page > 1 ? html`<a href="${listUrl(kind)}?page=${page - 1}">${t(lang, 'prev')}</a>` : ''}
  <span>${t(lang, 'page')} ${page} ${t(lang, 'of')} ${pages}</span>
  ${page < pages ? html`<a href="${listUrl(kind)}?page=${page + 1}">${t(lang, 'next')}</a>` : ''}
</div>
</section>`
  return layout(ctx, title, body)
}
