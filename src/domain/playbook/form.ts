import { isYesNoField, PLAYBOOK_FIELDS } from '@/domain/fields/playbook'
import type { PlaybookFieldKey } from '@/domain/fields/playbook'
import type { LocalizedText } from '@/domain/fields/types'
import type { PortalPipeline } from './portal-check'
import { normalizeName } from './schema'
import type { Condition, Duration, FieldConditionOp, Playbook, PlaybookPipeline, PlaybookStage, PlaybookStep, TimeRule } from './schema'

/**
 * The playbook as the settings form edits it: the form works on a copy of the playbook itself
 * (no second model to drift from it), so these helpers find or add the parts a person picks from
 * the portal's real pipelines and stages, make new steps, and read or set the simple shapes the
 * form shows as controls (a delay in days and hours, one field condition). Shapes the form does
 * not edit (a deadline by complexity, nested conditions) are described in words and kept as they are.
 */

const SLUG = /[^a-z0-9]+/g

/** A slug not yet among `taken`: `base`, `base-2`, … */
function uniqueSlug(base: string, taken: readonly string[]): string {
  const clean = base.toLowerCase().replace(SLUG, '-').replace(/^-+|-+$/g, '')
  const start = /^[a-z]/.test(clean) ? clean : `x-${clean}`.replace(/-$/, '')
  const used = new Set(taken)
  if (!used.has(start)) return start
  let n = 2
  while (used.has(`${start}-${n}`)) n += 1
  return `${start}-${n}`
}

export function pipelineOf(playbook: Playbook, name: string): PlaybookPipeline | undefined {
  return playbook.pipelines.find((p) => normalizeName(p.name) === normalizeName(name))
}

export function stageOf(pipeline: PlaybookPipeline | undefined, name: string): PlaybookStage | undefined {
  return pipeline?.stages.find((s) => normalizeName(s.name) === normalizeName(name))
}

/**
 * The playbook's stage for a stage of the portal, added when the playbook has none yet: the
 * pipeline is added too, and a new stage goes where the portal has it (after the playbook's
 * stages that come before it on the portal), since «the next stage» follows the playbook's order.
 */
export function ensureStage(playbook: Playbook, portal: PortalPipeline, stageName: string): PlaybookStage {
  let pipeline = pipelineOf(playbook, portal.name)
  if (!pipeline) {
    pipeline = { key: uniqueSlug('pipeline', playbook.pipelines.map((p) => p.key)), name: portal.name, stages: [] }
    playbook.pipelines.push(pipeline)
  }
  const existing = stageOf(pipeline, stageName)
  if (existing) return existing
  const order = (name: string) => portal.stages.findIndex((s) => normalizeName(s) === normalizeName(name))
  const position = order(stageName)
  const stage: PlaybookStage = { key: uniqueSlug('stage', pipeline.stages.map((s) => s.key)), name: stageName, steps: [] }
  const at = pipeline.stages.findIndex((s) => order(s.name) > position)
  pipeline.stages.splice(at < 0 ? pipeline.stages.length : at, 0, stage)
  return stage
}

/** A new task of the deal's responsible, due a day after it starts; the title is the admin's to write. */
export function newTaskStep(stage: PlaybookStage): PlaybookStep {
  return { id: uniqueSlug('task', stage.steps.map((s) => s.id)), kind: 'task', title: '', responsible: 'responsible', deadline: { kind: 'after', days: 1 } }
}

/** A new notification to the responsible when the step starts. */
export function newNotifyStep(stage: PlaybookStage): PlaybookStep {
  return { id: uniqueSlug('notify', stage.steps.map((s) => s.id)), kind: 'notify', channels: ['notify'], recipients: ['responsible'], message: '', at: { kind: 'after', hours: 0 } }
}

/** Where `stepIndex` of a stage sits in the playbook, as error paths name it. */
export function stepPath(playbook: Playbook, stage: PlaybookStage, stepIndex: number): string | null {
  for (const [p, pipeline] of playbook.pipelines.entries()) {
    const s = pipeline.stages.indexOf(stage)
    if (s >= 0) return `pipelines[${p}].stages[${s}].steps[${stepIndex}]`
  }
  return null
}

// ---- delays ----

export interface DelayParts {
  days: number
  hours: number
}

/** Days and hours of a plain delay (`after`, or a duration), or null for a rule the form does not edit. */
export function delayParts(rule: TimeRule | Duration | undefined): DelayParts | null {
  if (!rule) return null
  if ('kind' in rule && rule.kind !== 'after') return null
  if ('from' in rule && rule.from === 'stageEntered') return null
  const hours = (rule.hours ?? 0) + (rule.minutes ?? 0) / 60
  return { days: rule.days ?? 0, hours }
}

/** Days and hours as the playbook writes them (only the parts that are given; nothing → 0 hours). */
export function toDuration(parts: DelayParts): Duration {
  const out: Duration = {}
  if (parts.days > 0) out.days = Math.floor(parts.days)
  if (parts.hours > 0 || parts.days <= 0) out.hours = Math.max(0, parts.hours)
  return out
}

export function toAfterRule(parts: DelayParts): TimeRule {
  return { kind: 'after', ...toDuration(parts) }
}

// ---- conditions ----

export type FieldCondition = Extract<Condition, { type: 'field' }>

/** The operations the form offers for a field of this kind. */
export function opsFor(field: PlaybookFieldKey): FieldConditionOp[] {
  const spec = PLAYBOOK_FIELDS[field]
  if (isYesNoField(spec)) return ['isTrue', 'isFalse', 'isNotTrue', 'filled', 'empty']
  if (spec.kind === 'enum') return ['eq', 'neq', 'filled', 'empty']
  if (spec.kind === 'date') return ['filled', 'empty', 'future']
  return ['filled', 'empty']
}

/** A field condition the form can show as field, operation and value (a nested one is not). */
export function simpleCondition(condition: Condition | undefined): FieldCondition | null {
  return condition?.type === 'field' ? condition : null
}

/** The condition after a new field is picked: the first operation that fits it, a value where one is needed. */
export function conditionFor(field: PlaybookFieldKey, op?: FieldConditionOp): FieldCondition {
  const ops = opsFor(field)
  const chosen = op && ops.includes(op) ? op : ops[0]!
  const spec = PLAYBOOK_FIELDS[field]
  if ((chosen === 'eq' || chosen === 'neq') && 'options' in spec) return { type: 'field', field, op: chosen, value: spec.options[0]!.code }
  return { type: 'field', field, op: chosen }
}

// ---- in words (read-only view, shapes the form keeps as they are) ----

type Lang = keyof LocalizedText

const OP_WORDS: Record<FieldConditionOp, LocalizedText> = {
  filled: { ru: 'заполнено', en: 'is filled' },
  empty: { ru: 'пусто', en: 'is empty' },
  isTrue: { ru: '«да»', en: 'is yes' },
  isFalse: { ru: '«нет»', en: 'is no' },
  isNotTrue: { ru: 'не «да»', en: 'is not yes' },
  eq: { ru: '=', en: '=' },
  neq: { ru: '≠', en: '≠' },
  future: { ru: 'в будущем', en: 'is in the future' },
}

export function opWords(op: FieldConditionOp): LocalizedText {
  return OP_WORDS[op]
}

const MONEY_WORDS: Record<string, LocalizedText> = {
  paid: { ru: 'оплачено', en: 'paid' },
  amount: { ru: 'сумма сделки', en: 'deal amount' },
  debt: { ru: 'долг', en: 'debt' },
  zero: { ru: '0', en: '0' },
}
const COMPARISONS: Record<string, string> = { lt: '<', lte: '≤', eq: '=', gte: '≥', gt: '>' }

function optionWords(field: PlaybookFieldKey, value: unknown, lang: Lang): string {
  const spec = PLAYBOOK_FIELDS[field]
  const option = 'options' in spec ? spec.options.find((o) => o.code === value) : undefined
  return option ? (lang === 'ru' ? option.value : option.en) : String(value)
}

export function describeCondition(condition: Condition, lang: Lang): string {
  switch (condition.type) {
    case 'field': {
      const label = PLAYBOOK_FIELDS[condition.field].label[lang]
      const value = condition.value === undefined ? '' : ` «${optionWords(condition.field, condition.value, lang)}»`
      return `«${label}» ${OP_WORDS[condition.op][lang]}${value}`
    }
    case 'money':
      return `${MONEY_WORDS[condition.left]![lang]} ${COMPARISONS[condition.op]} ${MONEY_WORDS[condition.right]![lang]}`
    case 'not':
      return `${lang === 'ru' ? 'не' : 'not'} (${describeCondition(condition.of, lang)})`
    default: {
      const joiner = condition.type === 'all' ? (lang === 'ru' ? ' и ' : ' and ') : lang === 'ru' ? ' или ' : ' or '
      return condition.of.map((part) => (part.type === 'all' || part.type === 'any' ? `(${describeCondition(part, lang)})` : describeCondition(part, lang))).join(joiner)
    }
  }
}

function describeDuration(d: { days?: number; hours?: number; minutes?: number }, lang: Lang): string {
  const parts: string[] = []
  if (d.days) parts.push(lang === 'ru' ? `${d.days} дн.` : `${d.days} d`)
  if (d.hours) parts.push(lang === 'ru' ? `${d.hours} ч` : `${d.hours} h`)
  if (d.minutes) parts.push(lang === 'ru' ? `${d.minutes} мин` : `${d.minutes} min`)
  return parts.length > 0 ? parts.join(' ') : lang === 'ru' ? 'сразу' : 'at once'
}

export function describeTimeRule(rule: TimeRule, lang: Lang): string {
  switch (rule.kind) {
    case 'after': {
      const span = describeDuration(rule, lang)
      const from = rule.from === 'stageEntered' ? (lang === 'ru' ? ' после входа на стадию' : ' after the deal entered the stage') : ''
      return lang === 'ru' ? `через ${span}${from}` : `after ${span}${from}`
    }
    case 'field': {
      const label = PLAYBOOK_FIELDS[rule.field].label[lang]
      const offset = rule.offset ? ` ${describeDuration(rule.offset, lang)}` : ''
      return lang === 'ru' ? `по полю «${label}»${offset}` : `by the field «${label}»${offset}`
    }
    case 'byEmergency':
      return lang === 'ru'
        ? `экстренно: ${describeTimeRule(rule.yes, lang)}; иначе: ${describeTimeRule(rule.no, lang)}`
        : `emergency: ${describeTimeRule(rule.yes, lang)}; otherwise: ${describeTimeRule(rule.no, lang)}`
    case 'byComplexity':
      return lang === 'ru'
        ? `простой: ${describeTimeRule(rule.simple, lang)}; сложный: ${describeTimeRule(rule.complex, lang)}; очень сложный: ${describeTimeRule(rule.veryComplex, lang)}`
        : `simple: ${describeTimeRule(rule.simple, lang)}; complex: ${describeTimeRule(rule.complex, lang)}; very complex: ${describeTimeRule(rule.veryComplex, lang)}`
  }
}
