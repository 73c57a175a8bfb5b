/**
 * The REST list filter and order of the portal (b24restdocs `api-reference/crm/universal/crm-item-list.md`,
 * `api-reference/crm/deals/crm-deal-list.md`): a key is `<operator><FIELD>`, a value a scalar or an array.
 * Pure: rows are read through a `get(row, field)` callback, so any table shape can use it.
 */

export type FilterOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'notLike' | 'in' | 'notIn'

export interface FilterCondition {
  kind: 'cond'
  field: string
  op: FilterOp
  value: unknown
  /** `=%`/`%=` style: the value carries its own `%` wildcards. */
  explicitPattern?: boolean
}

export interface FilterGroup {
  kind: 'group'
  logic: 'AND' | 'OR'
  children: FilterNode[]
}

export type FilterNode = FilterCondition | FilterGroup

// Longest prefixes first, so `>=` wins over `>` and `!=%` over `!=`.
const PREFIXES: Array<[string, FilterOp, boolean]> = [
  ['!=%', 'notLike', true],
  ['!%=', 'notLike', true],
  ['=%', 'like', true],
  ['%=', 'like', true],
  ['!%', 'notLike', false],
  ['!@', 'notIn', false],
  ['!=', 'neq', false],
  ['>=', 'gte', false],
  ['<=', 'lte', false],
  ['=', 'eq', false],
  ['!', 'neq', false],
  ['>', 'gt', false],
  ['<', 'lt', false],
  ['%', 'like', false],
  ['@', 'in', false],
]

/** Splits `>=DATE_CREATE` into its operator and field. */
export function parseFilterKey(key: string): { op: FilterOp; field: string; explicitPattern: boolean } {
  for (const [prefix, op, explicitPattern] of PREFIXES) {
    if (key.startsWith(prefix) && key.length > prefix.length) {
      return { op, field: key.slice(prefix.length), explicitPattern }
    }
  }
  return { op: 'eq', field: key, explicitPattern: false }
}

export interface ParseOptions {
  /** Maps a field as written in the request to the stored name; null = not allowed. */
  mapField?: (field: string) => string | null
  /** Called for a field `mapField` refuses (throw to reject, return to skip). */
  onUnknownField?: (field: string) => void
}

/**
 * Parses a filter object. Nested groups (`{"0": {"logic": "OR", "0": {...}}}`) are supported, as
 * crm.item.list allows them; a non-object filter is an empty one.
 */
export function parseFilter(filter: unknown, options: ParseOptions = {}): FilterGroup {
  return parseGroup(filter, 'AND', options)
}

function parseGroup(raw: unknown, logic: 'AND' | 'OR', options: ParseOptions): FilterGroup {
  const group: FilterGroup = { kind: 'group', logic, children: [] }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return group
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key.toUpperCase() === 'LOGIC') continue
    if (/^\d+$/.test(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      const nested = value as Record<string, unknown>
      const nestedLogic = String(nested.logic ?? nested.LOGIC ?? 'AND').toUpperCase() === 'OR' ? 'OR' : 'AND'
      group.children.push(parseGroup(nested, nestedLogic, options))
      continue
    }
    const { op, field, explicitPattern } = parseFilterKey(key)
    const mapped = options.mapField ? options.mapField(field) : field
    if (mapped === null) {
      options.onUnknownField?.(field)
      continue
    }
    group.children.push({ kind: 'cond', field: mapped, op, value, explicitPattern })
  }
  return group
}

/** The top-level `>ID` / `>=ID` bound, if any: lets a caller start a keyset scan at it. */
export function idLowerBound(group: FilterGroup, idField = 'ID'): number {
  let bound = 0
  if (group.logic !== 'AND') return bound
  for (const node of group.children) {
    if (node.kind !== 'cond' || node.field !== idField) continue
    const n = Number(node.value)
    if (!Number.isFinite(n)) continue
    if (node.op === 'gt') bound = Math.max(bound, Math.floor(n))
    if (node.op === 'gte') bound = Math.max(bound, Math.ceil(n) - 1)
  }
  return bound
}

export type FieldReader<T> = (row: T, field: string) => unknown

/** Builds a predicate for the parsed filter. */
export function compileFilter<T>(group: FilterGroup, get: FieldReader<T>): (row: T) => boolean {
  const tests = group.children.map((node) =>
    node.kind === 'group' ? compileFilter(node, get) : compileCondition(node, get),
  )
  if (tests.length === 0) return () => true
  return group.logic === 'OR'
    ? (row) => tests.some((test) => test(row))
    : (row) => tests.every((test) => test(row))
}

function compileCondition<T>(cond: FilterCondition, get: FieldReader<T>): (row: T) => boolean {
  const { field, op, value } = cond
  // A PHP-form list (`FILTER[@ID][0]=2`) may arrive as an object keyed by index.
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [value]
  switch (op) {
    case 'eq':
    case 'in':
      return (row) => anyOf(get(row, field), (v) => list.some((x) => looseEquals(v, x)))
    case 'neq':
    case 'notIn':
      return (row) => !anyOf(get(row, field), (v) => list.some((x) => looseEquals(v, x)))
    case 'gt':
      return (row) => anyOf(get(row, field), (v) => !isEmpty(v) && compareValues(v, value) > 0)
    case 'gte':
      return (row) => anyOf(get(row, field), (v) => !isEmpty(v) && compareValues(v, value) >= 0)
    case 'lt':
      return (row) => anyOf(get(row, field), (v) => !isEmpty(v) && compareValues(v, value) < 0)
    case 'lte':
      return (row) => anyOf(get(row, field), (v) => !isEmpty(v) && compareValues(v, value) <= 0)
    case 'like':
    case 'notLike': {
      const matchers = list.map((x) => likeMatcher(String(x ?? ''), cond.explicitPattern === true))
      const test = (v: unknown) => v != null && matchers.some((m) => m(String(v)))
      return op === 'like' ? (row) => anyOf(get(row, field), test) : (row) => !anyOf(get(row, field), test)
    }
  }
}

/** A multiple field matches when any of its values does; an empty one is matched as empty. */
function anyOf(value: unknown, test: (v: unknown) => boolean): boolean {
  if (Array.isArray(value)) return value.length === 0 ? test(null) : value.some(test)
  return test(value)
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || v === false
}

function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v)
  return null
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/
const RU_DATE_RE = /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/

/** Milliseconds of an ISO or `dd.mm.yyyy` date; a date without an offset is read as portal time (+03:00). */
export function dateMillis(v: unknown): number | null {
  if (typeof v !== 'string') return null
  const s = v.trim()
  const ru = RU_DATE_RE.exec(s)
  if (ru) {
    const [, d, m, y, hh = '00', mm = '00', ss = '00'] = ru
    return Date.parse(`${y}-${m}-${d}T${hh}:${mm}:${ss}+03:00`)
  }
  if (!DATE_RE.test(s)) return null
  const withTime = s.length === 10 ? `${s}T00:00:00` : s.replace(' ', 'T')
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(withTime)
  const ms = Date.parse(hasOffset ? withTime : `${withTime}+03:00`)
  return Number.isNaN(ms) ? null : ms
}

/** A yes/no value as the portal stores it: `true`/`Y`/`1` or `false`/`N`/`0`/empty; null when it is neither. */
function asFlag(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v
  if (v === null || v === undefined) return false
  const text = String(v).toLowerCase()
  if (text === 'y' || text === 'true' || text === '1') return true
  if (text === 'n' || text === 'false' || text === '0' || text === '') return false
  return null
}

/** Equality as the portal's SQL sees it: `"5"` = 5, `""` = null, `Y` ≠ `N`, `true` = `Y`. */
export function looseEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    const flag = asFlag(a)
    return flag !== null && flag === asFlag(b)
  }
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b)
  const na = asNumber(a)
  const nb = asNumber(b)
  if (na !== null && nb !== null) return na === nb
  const da = dateMillis(a)
  const db = dateMillis(b)
  if (da !== null && db !== null) return da === db
  return String(a).toLowerCase() === String(b).toLowerCase()
}

/** Total order for filters and sorting: empty first, then numbers, dates, strings. */
export function compareValues(a: unknown, b: unknown): number {
  const ea = isEmpty(a)
  const eb = isEmpty(b)
  if (ea || eb) return ea === eb ? 0 : ea ? -1 : 1
  const na = asNumber(a)
  const nb = asNumber(b)
  if (na !== null && nb !== null) return na - nb
  const da = dateMillis(a)
  const db = dateMillis(b)
  if (da !== null && db !== null) return da - db
  const sa = String(a)
  const sb = String(b)
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

function likeMatcher(pattern: string, explicit: boolean): (s: string) => boolean {
  const needle = pattern.toLowerCase()
  if (!explicit) return (s) => s.toLowerCase().includes(needle.replace(/%/g, ''))
  const re = new RegExp(
    '^' + needle.split('%').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$',
    's',
  )
  return (s) => re.test(s.toLowerCase())
}

export interface OrderTerm {
  field: string
  desc: boolean
}

/** Reads `order: {FIELD: "ASC"|"DESC"}`. Invalid directions → `onBadDirection`. */
export function parseOrder(
  order: unknown,
  mapField: (field: string) => string | null = (f) => f,
  onBad: (field: string, reason: 'field' | 'direction') => void = () => {},
): OrderTerm[] {
  if (!order || typeof order !== 'object' || Array.isArray(order)) return []
  const terms: OrderTerm[] = []
  for (const [key, dir] of Object.entries(order as Record<string, unknown>)) {
    const field = mapField(key)
    if (field === null) {
      onBad(key, 'field')
      continue
    }
    const direction = String(dir ?? 'ASC').toUpperCase()
    if (direction !== 'ASC' && direction !== 'DESC') {
      onBad(key, 'direction')
      continue
    }
    terms.push({ field, desc: direction === 'DESC' })
  }
  return terms
}

/** Comparator for the order terms; ties are broken by ID ascending so pages are stable. */
export function compileOrder<T extends { ID: number }>(terms: OrderTerm[], get: FieldReader<T>): (a: T, b: T) => number {
  return (a, b) => {
    for (const term of terms) {
      const c = compareValues(get(a, term.field), get(b, term.field))
      if (c !== 0) return term.desc ? -c : c
    }
    return a.ID - b.ID
  }
}

/** True when rows in ascending ID order already satisfy the order (no sort needed). */
export function isIdAscending(terms: OrderTerm[], idField = 'ID'): boolean {
  return terms.length === 0 || (terms[0]!.field === idField && !terms[0]!.desc)
}
