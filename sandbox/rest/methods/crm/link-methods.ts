import { errors } from '../../../core/errors'
import type { CallContext, MethodTable } from '../../../core/types'
import { formatPortalDate } from './dates'
import type { CrmRow } from './entities'
import { CALL_COST } from './legacy-methods'
import { contactIdsOfCompany, setCompanyContacts } from './links'
import { isObject, isYes, listOf, param, positiveId } from './params'
import { crmRights } from './rights'

/**
 * `crm.deal.contact.items.get/set`, `crm.company.contact.items.get/set`, `crm.contact.company.items.get/set`
 * (b24restdocs `api-reference/crm/deals/contacts/crm-deal-contact-items-{get,set}.md`,
 * `api-reference/crm/companies/contacts/crm-company-contact-items-{get,set}.md`,
 * `api-reference/crm/contacts/company/crm-contact-company-items-{get,set}.md`).
 */

/**
 * `items` of a set: a list, or a PHP-style indexed object (an array to PHP); anything else — a string,
 * a number, nothing — is refused as the three set pages say: "The parameter items must be array."
 */
function itemsOf(raw: unknown): unknown[] {
  if (!Array.isArray(raw) && !isObject(raw)) throw errors.legacy('The parameter items must be array.')
  return listOf(raw)
}

function owner(ctx: CallContext, table: string, idRaw: unknown, write: boolean): CrmRow {
  const id = positiveId(idRaw)
  if (id === null) throw errors.legacy('ID is not defined or invalid.')
  const row = ctx.store.table<CrmRow>(table).get(id)
  if (!row) throw errors.legacy('Not found')
  const rights = crmRights(ctx.store, ctx.user)
  if (!(write ? rights.canWrite(row) : rights.canRead(row))) throw errors.legacy('Access denied.')
  return row
}

/** `[{CONTACT_ID, SORT, IS_PRIMARY}]` → ids in order, primary first. */
function orderedIds(items: unknown[], key: string): number[] {
  const parsed = items
    .filter(isObject)
    .map((i, index) => ({ id: positiveId(i[key]), sort: Number(i.SORT ?? (index + 1) * 10), primary: isYes(i.IS_PRIMARY) }))
    .filter((i): i is { id: number; sort: number; primary: boolean } => i.id !== null)
  parsed.sort((a, b) => Number(b.primary) - Number(a.primary) || a.sort - b.sort)
  return [...new Set(parsed.map((i) => i.id))]
}

const itemsView = (ids: number[], key: string) =>
  ids.map((id, i) => ({ [key]: id, SORT: (i + 1) * 10, ROLE_ID: 0, IS_PRIMARY: i === 0 ? 'Y' : 'N' }))

export const linkMethods: MethodTable = {
  'crm.deal.contact.items.get': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const deal = owner(ctx, 'deals', param(params, 'id'), false)
      return itemsView((deal.CONTACT_IDS as number[] | undefined) ?? [], 'CONTACT_ID')
    },
  },
  'crm.deal.contact.items.set': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const deal = owner(ctx, 'deals', param(params, 'id'), true)
      const ids = orderedIds(itemsOf(param(params, 'items')), 'CONTACT_ID')
      ctx.store.table('deals').update(deal.ID, {
        CONTACT_IDS: ids,
        CONTACT_ID: ids[0] ?? null,
        DATE_MODIFY: formatPortalDate(ctx.now()),
        MODIFY_BY_ID: ctx.user.ID,
      })
      return true
    },
  },
  'crm.company.contact.items.get': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const company = owner(ctx, 'companies', param(params, 'id'), false)
      return itemsView(contactIdsOfCompany(ctx.store, company.ID), 'CONTACT_ID')
    },
  },
  'crm.company.contact.items.set': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const company = owner(ctx, 'companies', param(params, 'id'), true)
      setCompanyContacts(ctx.store, company.ID, orderedIds(itemsOf(param(params, 'items')), 'CONTACT_ID'))
      return true
    },
  },
  'crm.contact.company.items.get': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const contact = owner(ctx, 'contacts', param(params, 'id'), false)
      return itemsView((contact.COMPANY_IDS as number[] | undefined) ?? [], 'COMPANY_ID')
    },
  },
  'crm.contact.company.items.set': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const contact = owner(ctx, 'contacts', param(params, 'id'), true)
      const ids = orderedIds(itemsOf(param(params, 'items')), 'COMPANY_ID')
      // The links live on the contact (links.ts): its companies in order, the primary first.
      ctx.store.table('contacts').update(contact.ID, {
        COMPANY_IDS: ids,
        COMPANY_ID: ids[0] ?? null,
        DATE_MODIFY: formatPortalDate(ctx.now()),
        MODIFY_BY_ID: ctx.user.ID,
      })
      return true
    },
  },
}
