/**
 * UPPER_CASE ↔ camelCase names of crm.item.* (b24restdocs `api-reference/crm/universal/index.md`,
 * "Field Naming Conventions").
 */

/** `ASSIGNED_BY_ID` → `assignedById`. */
export function snakeToCamel(upper: string): string {
  const parts = upper.toLowerCase().split('_').filter(Boolean)
  return parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('')
}

/**
 * User field name in crm.item form. Regular conversion when the name is `UF_CRM_<object number>_`
 * followed by only digits or only letters (`UF_CRM_3_DIGIT` → `ufCrm3Digit`, `UF_CRM_10_5186744711` →
 * `ufCrm10_5186744711`); otherwise only the prefix changes (`UF_CRM_1747309879` → `ufCrm_1747309879`).
 */
export function ufToCamel(upper: string): string {
  const rest = upper.slice('UF_CRM_'.length)
  const m = /^(\d+)_(.+)$/.exec(rest)
  if (m) {
    const [, objectNumber, tail] = m as unknown as [string, string, string]
    if (/^[0-9_]+$/.test(tail)) {
      return `ufCrm${objectNumber}_${tail.split('_').filter(Boolean).join('_')}`
    }
    if (/^[A-Z_]+$/.test(tail)) {
      const words = tail.split('_').filter(Boolean)
      return `ufCrm${objectNumber}${words.map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join('')}`
    }
  }
  return `ufCrm_${rest}`
}

/**
 * Names of one entity's user fields in crm.item form; a camel name that would collide with another
 * field keeps the UPPER form, as the portal does.
 */
export function ufCamelNames(ufNames: string[], systemCamelNames: Set<string>): Map<string, string> {
  const result = new Map<string, string>()
  const counts = new Map<string, number>()
  for (const name of ufNames) {
    const camel = ufToCamel(name)
    counts.set(camel, (counts.get(camel) ?? 0) + 1)
  }
  for (const name of ufNames) {
    const camel = ufToCamel(name)
    result.set(name, counts.get(camel)! > 1 || systemCamelNames.has(camel) ? name : camel)
  }
  return result
}
