/**
 * The portal's filter-key prefixes (b24restdocs `api-reference/user/user-get.md`):
 * `>=`, `>`, `<=`, `<`, `@`/`!@` (IN), `%`/`!%` (substring), `=%`/`%=`/`!=%`/`!%=` (LIKE with `%`),
 * `=` (default), `!`/`!=` (not equal).
 */
export type FilterOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'in' | 'notIn' | 'contains' | 'notContains' | 'like' | 'notLike'

const PREFIXES: Array<[string, FilterOp]> = [
  ['!%=', 'notLike'],
  ['!=%', 'notLike'],
  ['!%', 'notContains'],
  ['=%', 'like'],
  ['%=', 'like'],
  ['!@', 'notIn'],
  ['>=', 'ge'],
  ['<=', 'le'],
  ['!=', 'ne'],
  ['@', 'in'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['%', 'contains'],
  ['!', 'ne'],
  ['=', 'eq'],
]

export function parseFilterKey(key: string): { field: string; op: FilterOp } {
  for (const [prefix, op] of PREFIXES) {
    if (key.startsWith(prefix) && key.length > prefix.length) return { field: key.slice(prefix.length), op }
  }
  return { field: key, op: 'eq' }
}

const isNumeric = (value: unknown) =>
  typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))

function asBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  const text = String(value).toLowerCase()
  if (['y', 'true', '1'].includes(text)) return true
  if (['n', 'false', '0', ''].includes(text)) return false
  return undefined
}

function likeRegExp(pattern: string): RegExp {
  const source = pattern.split('%').map((part) => part.replace(/[.*+?^${}()|[\]\\_]/g, '\\$&')).join('.*')
  return new RegExp(`^${source}$`, 'is')
}

/** Equality as MySQL compares: numbers numerically, strings case-insensitively, `%` as LIKE. */
function equals(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'boolean') return asBool(expected) === actual
  if (actual === null || actual === undefined) return expected === null || expected === '' || expected === undefined
  if (isNumeric(actual) && isNumeric(expected)) return Number(actual) === Number(expected)
  const text = String(expected)
  if (text.includes('%')) return likeRegExp(text).test(String(actual))
  return String(actual).toLowerCase() === text.toLowerCase()
}

function compare(actual: unknown, expected: unknown): number {
  if (isNumeric(actual) && isNumeric(expected)) return Number(actual) - Number(expected)
  return String(actual ?? '').localeCompare(String(expected ?? ''))
}

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [value]

/** Tests one field value (a scalar or, for multiple fields, an array) against one condition. */
export function matches(actual: unknown, op: FilterOp, expected: unknown): boolean {
  if (Array.isArray(actual)) {
    const hit = actual.some((item) => matches(item, positive(op), expected))
    return isNegative(op) ? !hit : hit
  }
  switch (op) {
    case 'eq':
    case 'in':
      return list(expected).some((value) => equals(actual, value))
    case 'ne':
    case 'notIn':
      return !list(expected).some((value) => equals(actual, value))
    case 'gt':
      return actual !== null && actual !== undefined && actual !== '' && compare(actual, expected) > 0
    case 'ge':
      return actual !== null && actual !== undefined && actual !== '' && compare(actual, expected) >= 0
    case 'lt':
      return actual !== null && actual !== undefined && actual !== '' && compare(actual, expected) < 0
    case 'le':
      return actual !== null && actual !== undefined && actual !== '' && compare(actual, expected) <= 0
    case 'contains':
      return list(expected).some((value) => String(actual ?? '').toLowerCase().includes(String(value).toLowerCase()))
    case 'notContains':
      return !list(expected).some((value) => String(actual ?? '').toLowerCase().includes(String(value).toLowerCase()))
    case 'like':
      return list(expected).some((value) => likeRegExp(String(value)).test(String(actual ?? '')))
    case 'notLike':
      return !list(expected).some((value) => likeRegExp(String(value)).test(String(actual ?? '')))
  }
}

const isNegative = (op: FilterOp) => op === 'ne' || op === 'notIn' || op === 'notContains' || op === 'notLike'
function positive(op: FilterOp): FilterOp {
  return op === 'ne' ? 'eq' : op === 'notIn' ? 'in' : op === 'notContains' ? 'contains' : op === 'notLike' ? 'like' : op
}
