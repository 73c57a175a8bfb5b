// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { CLIENT_PROFILE_FIELDS, clientProfileUserFields } from '@/domain/fields/client-profile'
import { LEAD_PROCESSING_FIELDS, leadProcessingUserFields } from '@/domain/fields/lead-processing'
import { SALE_FIELDS, saleUserFields } from '@/domain/fields/sale'
import { allUserFields } from '@/domain/fields'

// Field name rules: api-reference/crm/deals/user-defined-fields/crm-deal-userfield-add.md (b24restdocs):
// UF_CRM_ is prepended, A-Z 0-9 _ only, at most 50 characters in all.
const mine = [
  ['company', clientProfileUserFields],
  ['lead', leadProcessingUserFields],
  ['deal', saleUserFields],
] as const

describe('Kosino user fields', () => {
  it('uses valid, prefixed names of at most 50 characters, unique per entity', () => {
    for (const [entity, fields] of mine) {
      const names = fields.map((field) => field.fieldName)
      expect(new Set(names).size).toBe(names.length)
      for (const field of fields) {
        expect(field.entity).toBe(entity)
        expect(field.fieldName).toMatch(/^UF_CRM_KOS_[A-Z0-9_]+$/)
        expect(field.fieldName.length).toBeLessThanOrEqual(50)
        expect(field.label.ru).not.toBe('')
        expect(field.label.en).not.toBe('')
      }
    }
  })

  it('does not collide with the other features’ fields', () => {
    for (const [entity, fields] of mine) {
      const others = allUserFields.filter((field) => field.entity === entity && !fields.includes(field)).map((field) => field.fieldName)
      for (const field of fields) expect(others).not.toContain(field.fieldName)
    }
  })

  it('gives every enumeration unique XML_IDs and values, and only enumerations have items', () => {
    for (const [, fields] of mine) {
      for (const field of fields) {
        if (field.type !== 'enumeration') {
          expect(field.items).toBeUndefined()
          continue
        }
        const items = field.items ?? []
        expect(items.length).toBeGreaterThan(0)
        expect(new Set(items.map((item) => item.xmlId)).size).toBe(items.length)
        expect(new Set(items.map((item) => item.value)).size).toBe(items.length)
        expect(items.every((item) => item.value.trim() !== '')).toBe(true)
      }
    }
  })

  it('lists the directories in their enumerations', () => {
    const values = (field: { items?: { value: string }[] }) => (field.items ?? []).map((item) => item.value)
    expect(values(CLIENT_PROFILE_FIELDS.sector)).toContain('Сектор 2 – Заморозка. Рыбная / мясная продукция, овощи, фрукты')
    expect(values(CLIENT_PROFILE_FIELDS.profile)).toHaveLength(43)
    expect(values(CLIENT_PROFILE_FIELDS.category)).toHaveLength(8)
    expect(values(CLIENT_PROFILE_FIELDS.status)).toHaveLength(12)
    expect(values(CLIENT_PROFILE_FIELDS.subStatus)).toContain('Подписание LOI: Подписано')
    expect(values(CLIENT_PROFILE_FIELDS.subStatus)).toContain('Согласование условий сотрудничества: Рассмотрение встречных условий')
    expect(values(CLIENT_PROFILE_FIELDS.subStatus)).toContain('Оплата обеспечительного платежа: Не оплачено')
    expect(values(CLIENT_PROFILE_FIELDS.subStatus)).toContain('Подписание договора: Подписан (сектора 1, 2)')
    expect(values(LEAD_PROCESSING_FIELDS.objectType)).toHaveLength(15)
    expect(values(LEAD_PROCESSING_FIELDS.stage)).toEqual(['Формирование запроса', 'Новый', 'Выяснение потребности', 'Обработан'])
    expect(values(LEAD_PROCESSING_FIELDS.result)).toEqual(['Не активен', 'Преобразовать в клиента'])
    expect(values(SALE_FIELDS.kind)).toEqual(['LOI', 'Договор'])
    expect(SALE_FIELDS.places.multiple).toBe(true)
  })

  it('never makes a boolean multiple (the portal refuses it)', () => {
    for (const [, fields] of mine) for (const field of fields) if (field.type === 'boolean') expect(field.multiple).toBeFalsy()
  })
})
