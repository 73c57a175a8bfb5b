/**
 * ИНН (taxpayer number) check by its control digits, as the Federal Tax Service defines
 * them: 10 digits for a company (one control digit), 12 for a sole proprietor or a
 * person (two control digits). Each control digit = (Σ weightᵢ·digitᵢ mod 11) mod 10.
 */

export type InnKind = 'company' | 'individual'

export type InnFailure = 'empty' | 'not-digits' | 'length' | 'region' | 'checksum'

export type InnCheck =
  | { ok: true; kind: InnKind; value: string }
  | { ok: false; reason: InnFailure }

const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const
const WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const
const WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const

function controlDigit(digits: string, weights: readonly number[]): number {
  let sum = 0
  weights.forEach((weight, index) => {
    sum += weight * Number(digits.charAt(index))
  })
  return (sum % 11) % 10
}

/** Spaces people paste in («77 07 083893») are dropped; anything else stays and fails. */
export function normalizeInn(input: string): string {
  return input.replace(/[\s\u00a0]/g, '')
}

export function checkInn(input: string): InnCheck {
  const value = normalizeInn(input)
  if (value === '') return { ok: false, reason: 'empty' }
  if (!/^\d+$/.test(value)) return { ok: false, reason: 'not-digits' }
  if (value.length !== 10 && value.length !== 12) return { ok: false, reason: 'length' }
  // The first two digits are a region code; there is no region 00.
  if (value.startsWith('00')) return { ok: false, reason: 'region' }
  if (value.length === 10) {
    const ok = controlDigit(value, WEIGHTS_10) === Number(value.charAt(9))
    return ok ? { ok: true, kind: 'company', value } : { ok: false, reason: 'checksum' }
  }
  const ok =
    controlDigit(value, WEIGHTS_11) === Number(value.charAt(10)) &&
    controlDigit(value, WEIGHTS_12) === Number(value.charAt(11))
  return ok ? { ok: true, kind: 'individual', value } : { ok: false, reason: 'checksum' }
}

export function isValidInn(input: string): boolean {
  return checkInn(input).ok
}

/**
 * Completes a 9-digit (company) or 10-digit (individual) prefix with its control
 * digits: for demo data, and for tests that derive valid numbers from the rule.
 */
export function completeInn(prefix: string): string {
  if (!/^\d+$/.test(prefix)) throw new Error('An INN prefix has digits only')
  if (prefix.length === 9) return prefix + String(controlDigit(prefix, WEIGHTS_10))
  if (prefix.length === 10) {
    const eleven = prefix + String(controlDigit(prefix, WEIGHTS_11))
    return eleven + String(controlDigit(eleven, WEIGHTS_12))
  }
  throw new Error('An INN prefix has 9 (company) or 10 (individual) digits')
}
