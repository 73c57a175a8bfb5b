import type { PlacementRow } from '../../core/types'
import { userFieldsOf, type UserFieldRow } from '../../rest/methods/crm/userfields'
import type { Row, Store } from '../../store/types'
import { ENTITIES, entityTitle, label, listUrl, type EntityKind } from '../crm-entities'
import { plainText, renderFieldValue } from '../field-values'
import { html, type SafeHtml } from '../html'
import { placementTitle, placementsFor } from '../placements'
import type { Lang } from '../session'
import { t } from '../texts'
import { cardActivities } from './card-activities'
import { appFrameSlot, layout, type PageContext } from './layout'

/** A CRM card: main fields on top, then «Общие» and one tab per bound `CRM_<TYPE>_DETAIL_TAB`. */
export function crmCardPage(ctx: PageContext, kind: EntityKind, id: number, activeTab: string): SafeHtml | null {
  const { lang, services } = ctx
  const spec = ENTITIES[kind]
  const row = services.store.table(spec.table).get(id)
  if (!row) return null
  // Until installFinish the portal shows none of the app's placements.
  const tabs: PlacementRow[] = services.app().installed ? placementsFor(services, spec.tabPlacement) : []
  const active = tabs.some((tab) => `app-${tab.ID}` === activeTab) ? activeTab : 'general'
  const body = html`
<div class="crumbs"><a href="${listUrl(kind)}">${spec.listTitle[lang === 'en' ? 1 : 0]}</a> / #${row.ID}</div>
<h1 data-testid="card-title">${entityTitle(kind, row)}</h1>
<section class="card card-main" data-card-fields data-entity="${kind}" data-entity-id="${row.ID}">
  ${cardMainFields(services.store, kind, row, lang)}
</section>
<nav class="tabs" role="tablist">
  <button type="button" role="tab" data-tab="general" class="${active === 'general' ? 'active' : ''}">${t(lang, 'general')}</button>
  ${tabs.map((tab) => html`<button type="button" role="tab" data-tab="app-${tab.ID}" data-placement-id="${tab.ID}" class="${active === `app-${tab.ID}` ? 'active' : ''}">${placementTitle(tab, lang)}</button>`)}
</nav>
<section class="card tab-panel" data-tab-panel="general" ${active === 'general' ? '' : 'hidden'}>
  <div data-card-extra>${cardExtraFields(services.store, kind, row, lang)}</div>
</section>
${spec.entityTypeId ? cardActivities(services.store, spec.entityTypeId, row.ID, lang) : ''}
${tabs.map(
  (tab) => html`<section class="tab-panel app-tab" data-tab-panel="app-${tab.ID}" ${active === `app-${tab.ID}` ? '' : 'hidden'}>
    ${appFrameSlot({ placementId: tab.ID, options: { ID: String(row.ID) } }, 'lazy')}
  </section>`,
)}`
  return layout(ctx, entityTitle(kind, row), body)
}

/** The main fields block (also re-rendered for `reloadData`). */
export function cardMainFields(store: Store, kind: EntityKind, row: Row, lang: Lang): SafeHtml {
  const spec = ENTITIES[kind]
  return html`<dl class="fields">${spec.cardFields.map(
    (field) => html`<div class="field" data-field="${field.code}"><dt>${label(field, lang)}</dt><dd>${renderFieldValue(store, field, row)}</dd></div>`,
  )}</dl>`
}

/** Everything else on the row, custom fields (UF_*) first, as the real card shows them: their label and readable value. */
export function cardExtraFields(store: Store, kind: EntityKind, row: Row, lang: Lang): SafeHtml {
  const shown = new Set(['ID', ...ENTITIES[kind].cardFields.map((field) => field.code)])
  const rest = Object.keys(row).filter((key) => !shown.has(key))
  const custom = rest.filter((key) => key.startsWith('UF_'))
  const other = rest.filter((key) => !key.startsWith('UF_'))
  const defs = new Map(userFieldsOf(store, `CRM_${kind.toUpperCase()}`).map((def) => [def.FIELD_NAME, def]))
  const empty = html`<span class="muted">—</span>`
  const customList = html`<dl class="fields">${custom.map((key) => {
    const def = defs.get(key)
    const text = def ? userFieldText(def, row[key], lang) : plainText(row[key])
    const name = def ? (def.EDIT_FORM_LABEL[lang] || def.EDIT_FORM_LABEL.ru || def.EDIT_FORM_LABEL.en || key) : key
    return html`<div class="field" data-field="${key}"><dt>${name}</dt><dd>${text || empty}</dd></div>`
  })}</dl>`
  const list = (keys: string[]) =>
    html`<dl class="fields">${keys.map((key) => html`<div class="field" data-field="${key}"><dt>${key}</dt><dd>${plainText(row[key]) || empty}</dd></div>`)}</dl>`
  return html`${custom.length ? html`<h3>${t(lang, 'userFields')}</h3>${customList}` : ''}${other.length ? html`<h3>${t(lang, 'general')}</h3>${list(other)}` : ''}`
}

/** A user field's value as the card reads it: a list item's VALUE, «да»/«нет» for a boolean, the text otherwise. */
function userFieldText(def: UserFieldRow, value: unknown, lang: Lang): string {
  const values = Array.isArray(value) ? value : [value]
  const one = (item: unknown): string => {
    if (item === null || item === undefined || item === '') return ''
    if (def.USER_TYPE_ID === 'enumeration') return def.LIST.find((entry) => String(entry.ID) === String(item))?.VALUE ?? String(item)
    if (def.USER_TYPE_ID === 'boolean') return [1, '1', true, 'Y'].some((yes) => yes === item) ? t(lang, 'yes') : t(lang, 'no')
    return plainText(item)
  }
  return values.map(one).filter((text) => text !== '').join(', ')
}
