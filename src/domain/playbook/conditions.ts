import { PLAYBOOK_FIELDS } from '@/domain/fields/playbook'
import type { LocalizedText } from '@/domain/fields/types'
import type { PlaybookFieldKey } from '@/domain/fields/playbook'
import type { Condition, MoneyOperand } from './schema'
import type { FieldValue } from './engine-types'
import { isNo, isYes, toMs } from './time'

export interface ConditionContext {
  field: (key: PlaybookFieldKey) => FieldValue
  money: Record<MoneyOperand, number>
  nowMs: number
}

/** Tri-state: a rule on a field nobody filled yet is neither true nor false. */
export interface ConditionResult {
  value: boolean | 'unknown'
  missing: PlaybookFieldKey[]
}

export function isEmptyValue(value: FieldValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
}

const known = (value: boolean): ConditionResult => ({ value, missing: [] })
const unknown = (field: PlaybookFieldKey): ConditionResult => ({ value: 'unknown', missing: [field] })

function compare(left: number, op: 'lt' | 'lte' | 'eq' | 'gte' | 'gt', right: number): boolean {
  switch (op) {
    case 'lt':
      return left < right
    case 'lte':
      return left <= right
    case 'eq':
      return left === right
    case 'gte':
      return left >= right
    case 'gt':
      return left > right
  }
}

export function evaluateCondition(condition: Condition, ctx: ConditionContext): ConditionResult {
  switch (condition.type) {
    case 'field': {
      const value = ctx.field(condition.field)
      const empty = isEmptyValue(value)
      switch (condition.op) {
        case 'filled':
          return known(!empty)
        case 'empty':
          return known(empty)
        case 'isNotTrue':
          return known(!isYes(value))
        case 'isTrue':
          return empty ? unknown(condition.field) : known(isYes(value))
        case 'isFalse':
          return empty ? unknown(condition.field) : known(isNo(value))
        case 'future': {
          const at = toMs(value)
          return known(at !== null && at > ctx.nowMs)
        }
        case 'eq':
        case 'neq': {
          if (empty) return unknown(condition.field)
          const same = String(value) === String(condition.value)
          return known(condition.op === 'eq' ? same : !same)
        }
      }
      break
    }
    case 'money': {
      const right = condition.right === 'zero' ? 0 : ctx.money[condition.right]
      return known(compare(ctx.money[condition.left], condition.op, right))
    }
    case 'not': {
      const inner = evaluateCondition(condition.of, ctx)
      return inner.value === 'unknown' ? inner : known(!inner.value)
    }
    case 'all':
    case 'any': {
      const results = condition.of.map((c) => evaluateCondition(c, ctx))
      const decisive = condition.type === 'all' ? false : true
      if (results.some((r) => r.value === decisive)) return known(decisive)
      const missing = results.flatMap((r) => r.missing)
      return missing.length > 0 ? { value: 'unknown', missing } : known(!decisive)
    }
  }
}

const MONEY_NAMES: Record<MoneyOperand | 'zero', LocalizedText> = {
  paid: { ru: 'сумма оплаты', en: 'paid amount' },
  amount: { ru: 'сумма сделки', en: 'deal amount' },
  debt: { ru: 'сумма долга', en: 'debt' },
  zero: { ru: '0', en: '0' },
}
const OPS = { lt: '<', lte: '≤', eq: '=', gte: '≥', gt: '>' } as const

function optionText(field: PlaybookFieldKey, code: unknown, lang: keyof LocalizedText): string {
  const spec = PLAYBOOK_FIELDS[field]
  const option = 'options' in spec ? spec.options.find((o) => o.code === code) : undefined
  if (!option) return String(code)
  return lang === 'ru' ? option.value : option.en
}

/** Human wording of a condition, for «waiting until …» hints. */
export function describeCondition(condition: Condition): LocalizedText {
  const both = (f: (lang: keyof LocalizedText) => string): LocalizedText => ({ ru: f('ru'), en: f('en') })
  switch (condition.type) {
    case 'field': {
      const label = PLAYBOOK_FIELDS[condition.field].label
      return both((lang) => {
        const name = `«${label[lang]}»`
        const yes = lang === 'ru' ? 'да' : 'yes'
        const no = lang === 'ru' ? 'нет' : 'no'
        switch (condition.op) {
          case 'filled':
            return lang === 'ru' ? `заполнено поле ${name}` : `${name} is filled`
          case 'empty':
            return lang === 'ru' ? `поле ${name} пусто` : `${name} is empty`
          case 'isTrue':
            return `${name} = ${yes}`
          case 'isFalse':
          case 'isNotTrue':
            return `${name} = ${no}`
          case 'eq':
            return `${name} = ${optionText(condition.field, condition.value, lang)}`
          case 'neq':
            return `${name} ≠ ${optionText(condition.field, condition.value, lang)}`
          case 'future':
            return lang === 'ru' ? `в поле ${name} дата в будущем` : `${name} is a future date`
        }
      })
    }
    case 'money':
      return both((lang) => `${MONEY_NAMES[condition.left][lang]} ${OPS[condition.op]} ${MONEY_NAMES[condition.right][lang]}`)
    case 'not':
      return both((lang) => `${lang === 'ru' ? 'не' : 'not'} (${describeCondition(condition.of)[lang]})`)
    case 'all':
    case 'any': {
      const parts = condition.of.map(describeCondition)
      return both((lang) => parts.map((p) => p[lang]).join(condition.type === 'all' ? (lang === 'ru' ? ' и ' : ' and ') : lang === 'ru' ? ' или ' : ' or '))
    }
  }
}
