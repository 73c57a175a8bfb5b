import type { Store } from '../../../store/types'
import type { CrmRow } from './entities'

/**
 * Contact ↔ company links live on the contact (COMPANY_IDS, COMPANY_ID = the first);
 * deal ↔ contact links on the deal (CONTACT_IDS, CONTACT_ID = the first).
 * b24restdocs `api-reference/crm/companies/contacts/crm-company-contact-items-get.md`,
 * `api-reference/crm/deals/contacts/crm-deal-contact-items-get.md`.
 */

export function contactIdsOfCompany(store: Store, companyId: number): number[] {
  const ids: number[] = []
  for (const c of store.table<CrmRow>('contacts').rows()) {
    if (Array.isArray(c.COMPANY_IDS) && (c.COMPANY_IDS as number[]).includes(companyId)) ids.push(c.ID)
  }
  return ids
}

/** Makes `contactIds` exactly the contacts of the company. */
export function setCompanyContacts(store: Store, companyId: number, contactIds: number[]): void {
  const contacts = store.table<CrmRow>('contacts')
  const wanted = new Set(contactIds)
  for (const c of [...contacts.rows()]) {
    const current = Array.isArray(c.COMPANY_IDS) ? (c.COMPANY_IDS as number[]) : []
    const has = current.includes(companyId)
    if (has === wanted.has(c.ID)) continue
    const next = has ? current.filter((id) => id !== companyId) : [...current, companyId]
    contacts.update(c.ID, { COMPANY_IDS: next, COMPANY_ID: next[0] ?? null })
  }
}

/** Drops links to a deleted record. */
export function unlinkDeleted(store: Store, kind: 'contact' | 'company', id: number): void {
  if (kind === 'company') setCompanyContacts(store, id, [])
  if (kind === 'contact') {
    const deals = store.table<CrmRow>('deals')
    for (const d of [...deals.rows()]) {
      const ids = Array.isArray(d.CONTACT_IDS) ? (d.CONTACT_IDS as number[]) : []
      if (!ids.includes(id)) continue
      const next = ids.filter((x) => x !== id)
      deals.update(d.ID, { CONTACT_IDS: next, CONTACT_ID: next[0] ?? null })
    }
  }
}
