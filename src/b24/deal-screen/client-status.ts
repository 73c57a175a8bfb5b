import { enumCommand, type EnumMap } from '@/b24/enum-items'
import { command } from '@/b24/gateway'
import { CLIENT_STATUS_FIELD_NAMES as NAMES } from '@/domain/fields/client-status'
import type { SectorCode } from '@/domain/client-profile/sectors'
import type { ClientStatus } from '@/domain/playbook/defaults/kosino-status'

/** The deal's client as the Kosino hint needs it: its name and its status in the ladder. */
export interface DealClient {
  id: number
  title: string
  status: ClientStatus
}

const isOn = (raw: unknown) => raw === true || raw === 1 || raw === '1' || raw === 'Y'

// The company's status fields by name only: their enumerations' definitions (client-profile.ts) bring the
// profile's directories along, which the deal tab never shows.
const companyField = (fieldName: `UF_CRM_${string}`) => ({ entity: 'company' as const, fieldName })

function parseCompany(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== 'object') throw new TypeError('crm.company.get: no company')
  return raw as Record<string, unknown>
}

/**
 * Commands for the deal screen's one batch: the deal's company, taken by reference from the deal
 * (b24restdocs api-reference/crm/companies/crm-company-get.md), and the items of its sector,
 * status and status detail fields (crm-company-userfield-list.md), so the enumeration IDs read as
 * the ladder's codes. A deal without a company fails the company command alone.
 */
export function dealClientCommands(dealRef: string) {
  return {
    client: command('crm.company.get', { id: `$result[${dealRef}][COMPANY_ID]` }, parseCompany),
    clientSector: enumCommand(companyField(NAMES.sector)),
    clientStatus: enumCommand(companyField(NAMES.status)),
    clientSubStatus: enumCommand(companyField(NAMES.subStatus)),
  }
}

/** The client from those commands' results; null when the deal has none or it could not be read. */
export function dealClientOf(results: {
  client?: Record<string, unknown>
  clientSector?: EnumMap
  clientStatus?: EnumMap
  clientSubStatus?: EnumMap
}): DealClient | null {
  const { client: company, clientSector, clientStatus, clientSubStatus } = results
  if (!company || !clientSector || !clientStatus || !clientSubStatus) return null
  return {
    id: Number(company.ID),
    title: typeof company.TITLE === 'string' ? company.TITLE : '',
    status: {
      sector: clientSector.codeOf(company[NAMES.sector]) as SectorCode | null,
      level: clientStatus.codeOf(company[NAMES.status]),
      subStatus: clientSubStatus.codeOf(company[NAMES.subStatus]),
      inactive: isOn(company[NAMES.inactive]),
    },
  }
}
