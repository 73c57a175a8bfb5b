import type { UserRow } from '../core/types'
import type { Row, Store } from '../store/types'
import { cardUrl, entityTitle, type FieldSpec } from './crm-entities'
import { html, type SafeHtml } from './html'
import { userName } from './session'

/** Renders one field of a CRM row as escaped HTML, resolving links to users, companies and stages. */
export function renderFieldValue(store: Store, spec: FieldSpec, row: Row): SafeHtml {
  const value = row[spec.code]
  if (value === undefined || value === null || value === '') return html`<span class="muted">—</span>`
  switch (spec.kind) {
    case 'money':
      return html`${formatMoney(value)} ${typeof row.CURRENCY_ID === 'string' ? row.CURRENCY_ID : ''}`
    case 'user':
      return userLink(store, Number(value))
    case 'company':
      return entityLink(store, 'company', 'companies', Number(value))
    case 'contact':
      return entityLink(store, 'contact', 'contacts', Number(value))
    case 'stage':
      return html`${stageName(store, spec.code === 'STATUS_ID' ? 'STATUS' : 'DEAL_STAGE', String(value))}`
    case 'category':
      return html`${categoryName(store, Number(value))}`
    case 'multi':
      return html`${multiFieldText(value)}`
    case 'date':
      return html`${formatDate(value)}`
    default:
      return html`${plainText(value)}`
  }
}

export function formatMoney(value: unknown): string {
  const n = Number(value)
  if (!Number.isFinite(n)) return String(value)
  return n.toLocaleString('ru-RU', { minimumFractionDigits: 0, maximumFractionDigits: 2 })
}

function formatDate(value: unknown): string {
  const text = String(value)
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(text)
  if (!match) return text
  const [, y, m, d, hh, mm] = match
  return hh ? `${d}.${m}.${y} ${hh}:${mm}` : `${d}.${m}.${y}`
}

/** Multi-fields (PHONE, EMAIL) are arrays of `{VALUE, VALUE_TYPE}`. */
function multiFieldText(value: unknown): string {
  if (Array.isArray(value)) {
    return value
      .map((item) => (item && typeof item === 'object' && 'VALUE' in item ? String((item as { VALUE: unknown }).VALUE) : String(item)))
      .join(', ')
  }
  return String(value)
}

export function plainText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Y' : 'N'
  if (Array.isArray(value)) return value.map(plainText).join(', ')
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

export function userLink(store: Store, id: number): SafeHtml {
  const user = store.table<UserRow>('users').get(id)
  if (!user) return html`<span class="muted">#${id}</span>`
  return html`<span class="user-chip">${userName(user)}</span>`
}

function entityLink(store: Store, kind: 'company' | 'contact', table: string, id: number): SafeHtml {
  if (!id) return html`<span class="muted">—</span>`
  const row = store.table(table).get(id)
  if (!row) return html`<span class="muted">#${id}</span>`
  if (kind === 'contact') return html`${entityTitle('contact', row)}`
  return html`<a href="${cardUrl('company', id)}">${entityTitle('company', row)}</a>`
}

/**
 * Stage/status names from table `statuses` (crm.status.list rows: ENTITY_ID `DEAL_STAGE[_<cat>]`
 * for deal stages, `STATUS` for lead statuses); the raw id when there is none.
 */
function stageName(store: Store, entityPrefix: string, statusId: string): string {
  for (const row of store.table('statuses').rows()) {
    const entity = String(row.ENTITY_ID ?? '')
    const sameEntity = entityPrefix === 'STATUS' ? entity === 'STATUS' : entity.startsWith(entityPrefix)
    if (sameEntity && row.STATUS_ID === statusId && typeof row.NAME === 'string') return row.NAME
  }
  return statusId
}

/** Pipeline name from table `crm_categories` (crm.category.*); 0 is the default pipeline. */
function categoryName(store: Store, id: number): string {
  const row = store.table('crm_categories').get(id)
  return row && typeof row.NAME === 'string' ? row.NAME : String(id)
}
