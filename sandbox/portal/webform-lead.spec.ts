// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { checkWebform, readWebformValues, webformLeadFields } from './webform-lead'

// Lead fields: b24restdocs api-reference/crm/leads/crm-lead-add.md (PHONE/EMAIL multi-fields, SOURCE_ID).
const form = (entries: Record<string, string>) => readWebformValues(new URLSearchParams(entries))
const choices = [{ id: '41', label: 'Аптека' }]

describe('web form lead', () => {
  it('refuses an empty name and a missing contact, and a type not in the list', () => {
    expect(checkWebform(form({ company: 'ООО' }), null)).toEqual(['nameRequired', 'contactRequired'])
    expect(checkWebform(form({ name: 'Ира', email: 'no-at' }), null)).toEqual(['emailInvalid'])
    expect(checkWebform(form({ name: 'Ира', phone: '+7 900 1', objectType: '99' }), choices)).toEqual(['objectTypeUnknown'])
    expect(checkWebform(form({ name: 'Ира', phone: '+7 900 100-20-30' }), choices)).toEqual([])
  })

  it('makes a WEBFORM lead in «Новый» (a form sent into work) with multi-fields and the chosen enumeration item', () => {
    const fields = webformLeadFields(form({ name: ' Ира ', company: 'ООО «А»', phone: '+7 900 100-20-30', email: 'a@b.ru', objectType: '41' }), choices, 'ru')
    expect(fields).toMatchObject({ NAME: 'Ира', STATUS_ID: 'NEW', SOURCE_ID: 'WEBFORM', ASSIGNED_BY_ID: 2, UF_CRM_KOS_OBJECT_TYPE: '41' })
    expect(fields.PHONE).toEqual([{ VALUE: '+7 900 100-20-30', VALUE_TYPE: 'WORK' }])
    expect(fields.EMAIL).toEqual([{ VALUE: 'a@b.ru', VALUE_TYPE: 'WORK' }])
  })

  it('without the app field puts the typed object type into the comment, as older forms did', () => {
    const fields = webformLeadFields(form({ name: 'Ира', phone: '+7 900 100-20-30', objectType: 'Аптека', comment: 'Срочно' }), null, 'ru')
    expect(fields).not.toHaveProperty('UF_CRM_KOS_OBJECT_TYPE')
    expect(fields.COMMENTS).toBe('Срочно\nТип объекта: Аптека')
    expect(fields).not.toHaveProperty('EMAIL')
  })
})
