import type { LocalizedText } from '@/domain/fields/types'
import type { PlaybookFieldKey } from '@/domain/fields/playbook'
import type { LeafTimeRule, Offset, TimeRule } from './schema'
import type { FieldValue } from './engine-types'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export function spanMs(span: Offset): number {
  return (span.days ?? 0) * DAY + (span.hours ?? 0) * HOUR + (span.minutes ?? 0) * MINUTE
}

/** ISO text or epoch → epoch ms; null for empty or unreadable. */
export function toMs(value: FieldValue | Date): number | null {
  if (value === null || value === undefined || value === '' || typeof value === 'boolean') return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime()
  const ms = typeof value === 'number' ? value : Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString()
}

export interface TimeContext {
  /** When the step started (its trigger fired). */
  activatedMs: number
  stageEnteredMs: number
  field: (key: PlaybookFieldKey) => FieldValue
}

export type TimeResult = { ms: number } | { missing: PlaybookFieldKey[] }

function leafTime(rule: LeafTimeRule, ctx: TimeContext): TimeResult {
  if (rule.kind === 'after') {
    const from = rule.from === 'stageEntered' ? ctx.stageEnteredMs : ctx.activatedMs
    return { ms: from + spanMs(rule) }
  }
  const at = toMs(ctx.field(rule.field))
  if (at !== null) return { ms: at + (rule.offset ? spanMs(rule.offset) : 0) }
  if (rule.fallback) return { ms: ctx.activatedMs + spanMs(rule.fallback) }
  return { missing: [rule.field] }
}

const COMPLEXITY_BRANCH = { simple: 'simple', complex: 'complex', very_complex: 'veryComplex' } as const

/** The moment a deadline or a notification falls on, or the fields it still needs. */
export function evaluateTime(rule: TimeRule, ctx: TimeContext): TimeResult {
  switch (rule.kind) {
    case 'after':
    case 'field':
      return leafTime(rule, ctx)
    case 'byEmergency':
      // An unticked yes/no field is «no» in Bitrix24, so an empty value is not an emergency.
      return leafTime(isYes(ctx.field('emergency')) ? rule.yes : rule.no, ctx)
    case 'byComplexity': {
      const code = ctx.field('complexity')
      const branch = typeof code === 'string' ? COMPLEXITY_BRANCH[code as keyof typeof COMPLEXITY_BRANCH] : undefined
      return branch ? leafTime(rule[branch], ctx) : { missing: ['complexity'] }
    }
  }
}

/** Yes/no as the app may hand it over: true, 1, "1", "Y". */
export function isYes(value: FieldValue): boolean {
  return value === true || value === 1 || value === '1' || value === 'Y' || value === 'y'
}

export function isNo(value: FieldValue): boolean {
  return value === false || value === 0 || value === '0' || value === 'N' || value === 'n'
}

/** 27 h → «1 д 3 ч» / «1 d 3 h»: the two largest units, at least a minute. */
export function formatSpan(ms: number): LocalizedText {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / MINUTE))
  const parts: [number, string, string][] = [
    [Math.floor(minutes / 1440), 'д', 'd'],
    [Math.floor((minutes % 1440) / 60), 'ч', 'h'],
    [minutes % 60, 'мин', 'min'],
  ]
  const firstNonZero = parts.findIndex(([n]) => n > 0)
  const shown = parts.slice(firstNonZero, firstNonZero + 2).filter(([n]) => n > 0)
  return {
    ru: shown.map(([n, r]) => `${n} ${r}`).join(' '),
    en: shown.map(([n, , e]) => `${n} ${e}`).join(' '),
  }
}
