// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { LEAD_PROCESSING_FIELDS as L } from '@/domain/fields/lead-processing'
import { defaultObjectsDirectory } from '@/domain/sale'
import { toEnumMap } from '@/b24/enum-items'
import { objectTypeOf, parseRecipientsOption, type LeadRow } from '@/b24/lead-notice'
import { leadUpdateFields, processingOf, type LeadEnums } from './lead-model'

// Lead shapes: b24restdocs api-reference/crm/leads/crm-lead-get.md.
const enums: LeadEnums = {
  stage: toEnumMap([{ ID: '1', XML_ID: 'NEW' }, { ID: '2', XML_ID: 'NEEDS' }]),
  result: toEnumMap([{ ID: '5', XML_ID: 'CONVERT' }]),
  objectType: toEnumMap([{ ID: '9', XML_ID: 'PHARMACY' }]),
}

const lead = (patch: Partial<LeadRow>): LeadRow => ({
  id: 7, title: '', companyTitle: '', name: '', lastName: '', secondName: '', statusId: 'NEW', sourceId: 'WEBFORM',
  comments: '', assignedById: 3, dateModify: '', phones: [], emails: [], uf: {}, ...patch,
})

describe('lead tab model', () => {
  it('takes the processing status from the tab’s field, else from the portal’s stage', () => {
    expect(processingOf(lead({ uf: { [L.stage.fieldName]: '2' } }), enums).status).toBe('NEEDS')
    expect(processingOf(lead({ statusId: 'UC_REQUEST' }), enums).status).toBe('REQUEST')
    expect(processingOf(lead({ statusId: 'CONVERTED' }), enums)).toMatchObject({ status: 'PROCESSED', result: 'CONVERT' })
  })

  it('finds the object type in the field, or by its name in the form’s text', () => {
    const directory = defaultObjectsDirectory()
    expect(objectTypeOf(lead({ uf: { [L.objectType.fieldName]: '9' } }), enums.objectType, directory)).toBe('PHARMACY')
    expect(objectTypeOf(lead({ comments: 'Тип объекта: Низкотемпературный производственно-складской комплекс' }), enums.objectType, directory)).not.toBeNull()
    expect(objectTypeOf(lead({ comments: 'без типа' }), enums.objectType, directory)).toBeNull()
  })

  it('writes the portal stage along with the tab’s fields', () => {
    const fields = leadUpdateFields({ status: 'NEEDS', firstResult: 'ok', firstDate: '2026-03-01', outcome: '', outcomeDate: null, result: null }, enums, ['NEW', 'IN_PROCESS'])
    expect(fields).toMatchObject({ STATUS_ID: 'IN_PROCESS', [L.stage.fieldName]: '2', [L.firstResult.fieldName]: 'ok', [L.firstDate.fieldName]: '2026-03-01' })
  })

  it('reads the recipients option as JSON text and falls back to an empty map when it is broken', () => {
    expect(parseRecipientsOption('{"version":1,"byObjectType":{"PHARMACY":[3]}}')).toEqual({ version: 1, byObjectType: { PHARMACY: [3] } })
    expect(parseRecipientsOption('not json')).toEqual({ version: 1, byObjectType: {} })
    expect(parseRecipientsOption(null)).toEqual({ version: 1, byObjectType: {} })
  })
})
