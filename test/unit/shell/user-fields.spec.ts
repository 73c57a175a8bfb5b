// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { allUserFields } from '@/domain/fields'

// b24restdocs api-reference/crm/deals/user-defined-fields/crm-deal-userfield-add.md:
// FIELD_NAME is UF_CRM_ + A-Z 0-9 _, at most 50 characters; enumeration XML_ID unique.
describe('allUserFields', () => {
  it('declares each field once per entity, with a valid name', () => {
    const keys = allUserFields.map((f) => `${f.entity}:${f.fieldName}`)
    expect(new Set(keys).size).toBe(keys.length)
    for (const field of allUserFields) {
      expect(field.fieldName).toMatch(/^UF_CRM_[A-Z0-9_]+$/)
      expect(field.fieldName.length).toBeLessThanOrEqual(50)
    }
  })
  it('gives every enumeration item a unique code', () => {
    for (const field of allUserFields.filter((f) => f.type === 'enumeration')) {
      const codes = (field.items ?? []).map((item) => item.xmlId)
      expect(codes.length).toBeGreaterThan(0)
      expect(new Set(codes).size).toBe(codes.length)
    }
  })
  it('includes the paid amount the next-steps tab reads', async () => {
    const { PAID_AMOUNT_FIELD } = await import('@/domain/fields/next-steps')
    expect(allUserFields.some((f) => f.entity === 'deal' && f.fieldName === PAID_AMOUNT_FIELD)).toBe(true)
  })
})
