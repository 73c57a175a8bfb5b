import type { Gateway } from '@/b24/gateway'
import type { DealDto } from './dto'

/**
 * The address the playbook's client e-mails go to: the deal's contact's first e-mail
 * (b24restdocs api-reference/crm/contacts/crm-contact-get.md, EMAIL multifield). Null when the
 * deal has no contact or the contact no e-mail.
 */
export async function readClientEmail(gateway: Gateway, deal: DealDto): Promise<{ contactId: number; email: string } | null> {
  const contactId = Number(deal.CONTACT_ID ?? 0)
  if (!(contactId > 0)) return null
  const contact = await gateway.call<{ EMAIL?: { VALUE?: string }[] | null }>('crm.contact.get', { id: contactId })
  const email = (contact.EMAIL ?? []).map((row) => String(row.VALUE ?? '').trim()).find((value) => value !== '')
  return email ? { contactId, email } : null
}
