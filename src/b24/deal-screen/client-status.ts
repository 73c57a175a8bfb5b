import { enumCommand } from '@/b24/enum-items'
import { command, type Gateway } from '@/b24/gateway'
import { CLIENT_PROFILE_FIELDS as F } from '@/domain/fields/client-profile'
import type { SectorCode } from '@/domain/client-profile/sectors'
import type { ClientStatus } from '@/domain/playbook/defaults/kosino-status'

/** The deal's client as the Kosino hint needs it: its name and its status in the ladder. */
export interface DealClient {
  id: number
  title: string
  status: ClientStatus
}

const isOn = (raw: unknown) => raw === true || raw === 1 || raw === '1' || raw === 'Y'

function parseCompany(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== 'object') throw new TypeError('crm.company.get: no company')
  return raw as Record<string, unknown>
}

/**
 * One batch: the company (b24restdocs api-reference/crm/companies/crm-company-get.md) and the
 * items of its sector, status and status detail fields (crm-company-userfield-list.md), so the
 * enumeration IDs read as the ladder's codes.
 */
export async function readDealClient(gateway: Gateway, companyId: number): Promise<DealClient> {
  const screen = await gateway.loadScreen({
    company: command('crm.company.get', { id: companyId }, parseCompany),
    sector: enumCommand(F.sector),
    status: enumCommand(F.status),
    subStatus: enumCommand(F.subStatus),
  })
  const company = screen.value('company')
  return {
    id: companyId,
    title: typeof company.TITLE === 'string' ? company.TITLE : '',
    status: {
      sector: screen.value('sector').codeOf(company[F.sector.fieldName]) as SectorCode | null,
      level: screen.value('status').codeOf(company[F.status.fieldName]),
      subStatus: screen.value('subStatus').codeOf(company[F.subStatus.fieldName]),
      inactive: isOn(company[F.inactive.fieldName]),
    },
  }
}
