// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { CLIENT_PROFILE_FIELDS as F } from '@/domain/fields/client-profile'
import { planInstall, stepCommand } from '@/domain/install/plan'

/** The status enumerations as a portal installed before the ladder met the life cycle holds them. */
const OLD_LEVELS = ['NEW', 'TERMS', 'LOI_SIGNING', 'CONTRACT_APPROVAL', 'CONTRACT_SIGNING', 'S12_INTEREST', 'S12_NEGOTIATIONS', 'S12_LOI', 'S12_PROJECT_REVIEW', 'S12_CONTRACT_SIGNING']
const OLD_SUBS = ['TERMS_SENT', 'TERMS_OBJECTIONS', 'TERMS_AGREED', 'LOI_DOCS', 'LOI_SIGNED', 'CA_DOCS', 'CA_OBJECTIONS', 'CA_AGREED', 'CS_DOCS', 'CS_OBJECTIONS', 'CS_AGREED', 'S12_SIGNED', 'S12_NOT_SIGNED']

describe('the reconciled ladder on an installed portal', () => {
  it('adds only the new levels and details to the existing status fields (crm.company.userfield.update with LIST)', () => {
    const list = (codes: string[]) => codes.map((code, index) => ({ ID: String(100 + index), XML_ID: code }))
    const steps = planInstall(
      { placements: [], fields: [F.status, F.subStatus], options: {} },
      { placements: [], fields: { company: [{ ID: 11, FIELD_NAME: F.status.fieldName, LIST: list(OLD_LEVELS) }, { ID: 12, FIELD_NAME: F.subStatus.fieldName, LIST: list(OLD_SUBS) }] }, options: {} },
    )
    expect(steps.map((step) => (step.kind === 'items' ? [step.fieldId, step.items.map((item) => item.xmlId)] : step.kind))).toEqual([
      [11, ['DEPOSIT', 'ACCEPTANCE']],
      [12, ['TERMS_COUNTER', 'TERMS_NOT_AGREED', 'LOI_NOT_SIGNED', 'CA_NOT_AGREED', 'CS_SIGNED', 'CS_NOT_SIGNED', 'DEPOSIT_PAID', 'DEPOSIT_UNPAID', 'ACT_SIGNED', 'ACT_NOT_SIGNED']],
    ])
    const [method, params] = stepCommand(steps[1]!)
    expect(method).toBe('crm.company.userfield.update')
    // No ID: the portal adds the items and keeps the ones it has.
    expect((params.fields as { LIST: Record<string, unknown>[] }).LIST.every((item) => !('ID' in item))).toBe(true)
  })
})
