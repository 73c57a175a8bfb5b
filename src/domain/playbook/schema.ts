import { z } from 'zod/mini'
import { isYesNoField, PLAYBOOK_FIELDS, PLAYBOOK_FIELD_KEYS } from '@/domain/fields/playbook'
import type { PlaybookFieldKey } from '@/domain/fields/playbook'

/**
 * The playbook format: per pipeline (matched by name), per stage (matched by name), the
 * steps the story prescribes. Shape is checked here; references between parts (step ids,
 * stage names, field kinds) are checked by the `superRefine`s so errors point at a path.
 */

/** Bilingual text for messages the app shows (reasons); task titles stay Russian only. */
const nonEmptyText = () => z.string().check(z.minLength(1))
const LocalizedTextSchema = z.strictObject({ ru: nonEmptyText(), en: nonEmptyText() })

/**
 * Messages of our own checks are keys of `SCHEMA_MESSAGES` prefixed with «@» (a schema-level
 * message wins over the locale), and `parsePlaybook` puts them into both languages.
 */
export const SCHEMA_MESSAGES = {
  slug: { ru: 'Ожидался код из a-z, 0-9 и «-»', en: 'Expected a slug of a-z, 0-9 and "-"' },
  assignee: {
    ru: 'Ожидалось responsible, head, productManager, role:<код> или user:<id>',
    en: 'Expected responsible, head, productManager, role:<code> or user:<id>',
  },
  blank: { ru: 'Текст не может состоять из одних пробелов', en: 'The text cannot be only spaces' },
  recipient: {
    ru: 'Ожидалось client, responsible, head, productManager, role:<код> или user:<id>',
    en: 'Expected client, responsible, head, productManager, role:<code> or user:<id>',
  },
} as const

const slug = z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, { error: '@slug' }))

const FieldKeySchema = z.enum(PLAYBOOK_FIELD_KEYS)

/** A span of time; days are 24 hours (calendar time, not working days). */
const wholeAtLeastZero = () => z.optional(z.number().check(z.int(), z.nonnegative()))
const atLeastZero = () => z.optional(z.number().check(z.nonnegative()))
const whole = () => z.optional(z.number().check(z.int()))

const DurationSchema = z
  .strictObject({
    days: wholeAtLeastZero(),
    hours: atLeastZero(),
    minutes: wholeAtLeastZero(),
  })
  .check(
    z.refine((d) => d.days !== undefined || d.hours !== undefined || d.minutes !== undefined, {
      params: { ru: 'Укажите days, hours или minutes', en: 'Give days, hours or minutes' },
    }),
  )

/** Like a duration but may be negative: «плановая дата готовности минус 2 часа». */
const OffsetSchema = z.strictObject({
  days: whole(),
  hours: z.optional(z.number()),
  minutes: whole(),
})

/** A fixed span after the step starts (default) or after the deal entered the stage. */
const AfterRuleSchema = z.strictObject({
  kind: z.literal('after'),
  days: wholeAtLeastZero(),
  hours: atLeastZero(),
  minutes: wholeAtLeastZero(),
  from: z.optional(z.enum(['activated', 'stageEntered'])),
})

/** A moment taken from a date field of the deal, shifted by `offset`. */
const FieldTimeRuleSchema = z.strictObject({
  kind: z.literal('field'),
  field: FieldKeySchema,
  offset: z.optional(OffsetSchema),
  /** Used while the field is empty; without it the step waits for the field. */
  fallback: z.optional(DurationSchema),
})

const LeafTimeRuleSchema = z.discriminatedUnion('kind', [AfterRuleSchema, FieldTimeRuleSchema])

const ByEmergencySchema = z.strictObject({
  kind: z.literal('byEmergency'),
  yes: LeafTimeRuleSchema,
  no: LeafTimeRuleSchema,
})

const ByComplexitySchema = z.strictObject({
  kind: z.literal('byComplexity'),
  simple: LeafTimeRuleSchema,
  complex: LeafTimeRuleSchema,
  veryComplex: LeafTimeRuleSchema,
})

export const TimeRuleSchema = z.discriminatedUnion('kind', [
  AfterRuleSchema,
  FieldTimeRuleSchema,
  ByEmergencySchema,
  ByComplexitySchema,
])

/** Who does or is told: the deal's responsible, their head, the product manager, a role set in settings, a user. */
const ASSIGNEE = /^(responsible|head|productManager|role:[a-z][a-zA-Z0-9_-]*|user:[1-9]\d*)$/
const AssigneeSchema = z.string().check(z.regex(ASSIGNEE, { error: '@assignee' }))
/** Notifications may also go to the client (an e-mail to the deal's contact). */
const RecipientSchema = z.string().check(z.regex(new RegExp(`^client$|${ASSIGNEE.source}`), { error: '@recipient' }))

// ---- conditions (tri-state when evaluated: a field the rule needs may be empty) ----

/** `future`: a date field holds a moment after now (a date «actualised», not the stale one). */
export type FieldConditionOp = 'filled' | 'empty' | 'isTrue' | 'isFalse' | 'isNotTrue' | 'eq' | 'neq' | 'future'
export type MoneyOperand = 'paid' | 'amount' | 'debt'
export type Condition =
  | { type: 'field'; field: PlaybookFieldKey; op: FieldConditionOp; value?: string | number | boolean }
  | { type: 'money'; left: MoneyOperand; op: 'lt' | 'lte' | 'eq' | 'gte' | 'gt'; right: MoneyOperand | 'zero' }
  | { type: 'all'; of: Condition[] }
  | { type: 'any'; of: Condition[] }
  | { type: 'not'; of: Condition }

const VALUE_OPS = new Set<FieldConditionOp>(['eq', 'neq'])
const BOOLEAN_OPS = new Set<FieldConditionOp>(['isTrue', 'isFalse', 'isNotTrue'])

const FieldConditionSchema = z
  .strictObject({
    type: z.literal('field'),
    field: FieldKeySchema,
    op: z.enum(['filled', 'empty', 'isTrue', 'isFalse', 'isNotTrue', 'eq', 'neq', 'future']),
    value: z.optional(z.union([z.string(), z.number(), z.boolean()])),
  })
  .check(
  z.superRefine((c, ctx) => {
    const spec = PLAYBOOK_FIELDS[c.field]
    if (BOOLEAN_OPS.has(c.op) && !isYesNoField(spec)) {
      ctx.addIssue({
        code: 'custom',
        path: ['op'],
        params: {
          ru: `Операция ${c.op} только для полей да/нет, а «${c.field}» — ${spec.kind}`,
          en: `Operation ${c.op} needs a yes/no field, «${c.field}» is ${spec.kind}`,
        },
      })
    }
    if (c.op === 'future' && spec.kind !== 'date') {
      ctx.addIssue({
        code: 'custom',
        path: ['op'],
        params: { ru: `Операция future только для дат, а «${c.field}» — ${spec.kind}`, en: `Operation future needs a date field, «${c.field}» is ${spec.kind}` },
      })
    }
    if (VALUE_OPS.has(c.op) && c.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], params: { ru: `Для ${c.op} нужно value`, en: `${c.op} needs a value` } })
    }
    if (!VALUE_OPS.has(c.op) && c.value !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], params: { ru: `Для ${c.op} value не нужно`, en: `${c.op} takes no value` } })
    }
    if (VALUE_OPS.has(c.op) && 'options' in spec && !spec.options.some((o) => o.code === c.value)) {
      const codes = spec.options.map((o) => o.code).join(', ')
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        params: { ru: `Ожидался один из кодов: ${codes}`, en: `Expected one of the codes: ${codes}` },
      })
    }
  }),
  )

const MoneyOperandSchema = z.enum(['paid', 'amount', 'debt'])
const MoneyConditionSchema = z.strictObject({
  type: z.literal('money'),
  left: MoneyOperandSchema,
  op: z.enum(['lt', 'lte', 'eq', 'gte', 'gt']),
  right: z.enum(['paid', 'amount', 'debt', 'zero']),
})

export const ConditionSchema: z.ZodMiniType<Condition> = z.lazy(() =>
  z.discriminatedUnion('type', [
    FieldConditionSchema,
    MoneyConditionSchema,
    z.strictObject({ type: z.literal('all'), of: z.array(ConditionSchema).check(z.minLength(1)) }),
    z.strictObject({ type: z.literal('any'), of: z.array(ConditionSchema).check(z.minLength(1)) }),
    z.strictObject({ type: z.literal('not'), of: ConditionSchema }),
  ]),
)

// ---- steps ----

/** When a step starts: after the listed earlier steps are settled (done or not needed), plus a delay. */
const TriggerSchema = z.strictObject({
  steps: z.array(slug).check(z.minLength(1)),
  /** «Если … сделка в течение 12 часов продолжила находиться на стадии». */
  delay: z.optional(DurationSchema),
})

const stepCommon = {
  id: slug,
  /** Where the story says it, for people reading the playbook. */
  note: z.optional(z.string()),
  after: z.optional(TriggerSchema),
  /** Step applies only if this holds; false → not needed; an empty field → waits for it. */
  when: z.optional(ConditionSchema),
  /** Step waits until this holds (e.g. payment received). */
  waitUntil: z.optional(ConditionSchema),
  /** Each new value of this field makes a new occurrence («при изменении поля … новую задачу с новым сроком»). */
  revisionBy: z.optional(FieldKeySchema),
}

/**
 * What a playbook puts into the portal is checked against the portal's own limits before it is
 * saved: a task title is a one-line field of 255 characters (tasks.task.add TITLE); a task's
 * description and a notification's text are capped at 10 000 characters, long enough for any
 * instruction and short enough to read in a task card or a notification.
 */
export const TASK_TITLE_MAX = 255
export const PLAYBOOK_TEXT_MAX = 10_000
const taskTitle = z.string().check(z.minLength(1), z.maxLength(TASK_TITLE_MAX), z.regex(/\S/, { error: '@blank' }))

const TaskStepSchema = z.strictObject({
  ...stepCommon,
  kind: z.literal('task'),
  title: taskTitle,
  /** Title of the occurrences after the first when `revisionBy` changes. */
  titleOnRevision: z.optional(taskTitle),
  description: z.optional(z.string().check(z.maxLength(PLAYBOOK_TEXT_MAX))),
  responsible: AssigneeSchema,
  auditors: z.optional(z.array(AssigneeSchema)),
  deadline: TimeRuleSchema,
  /** The task may not close until this holds; `reason` is shown while it does not. */
  blockUntil: z.optional(z.strictObject({ condition: ConditionSchema, reason: LocalizedTextSchema })),
})

const NotifyStepSchema = z.strictObject({
  ...stepCommon,
  kind: z.literal('notify'),
  channels: z.array(z.enum(['notify', 'email'])).check(z.minLength(1)),
  recipients: z.array(RecipientSchema).check(z.minLength(1)),
  /** Russian text sent (template: {title} {stage} {paid} {amount} {debt} {currency} {field:key}). */
  message: z.string().check(z.minLength(1), z.maxLength(PLAYBOOK_TEXT_MAX), z.regex(/\S/, { error: '@blank' })),
  at: TimeRuleSchema,
  repeat: z.optional(z.strictObject({ every: DurationSchema, while: z.optional(ConditionSchema) })),
  /** A reminder: not sent once all these steps are settled. */
  cancelIfDone: z.optional(z.array(slug).check(z.minLength(1))),
})

const MoveStageStepSchema = z.strictObject({
  ...stepCommon,
  kind: z.literal('moveStage'),
  /** Target stage name; absent → the next stage of the pipeline. */
  to: z.optional(nonEmptyText()),
})

const AssignResponsibleStepSchema = z.strictObject({
  ...stepCommon,
  kind: z.literal('assignResponsible'),
  /** «меняется ответственный на того, кто перевел ее со стадии». */
  to: z.literal('movedBy'),
})

export const StepSchema = z.discriminatedUnion('kind', [
  TaskStepSchema,
  NotifyStepSchema,
  MoveStageStepSchema,
  AssignResponsibleStepSchema,
])

export const StageSchema = z.strictObject({
  key: slug,
  name: nonEmptyText(),
  /** Section of the story this stage comes from, e.g. «§6». */
  section: z.optional(z.string()),
  final: z.optional(z.enum(['success', 'failure'])),
  /** «Определяется руководитель ответственного для уведомлений и постановки задач». */
  resolveHead: z.optional(z.boolean()),
  /** Fields the manager fills on this stage; the tab shows them editable. */
  keyFields: z.optional(z.array(FieldKeySchema)),
  steps: z.array(StepSchema),
})

export const PipelineSchema = z.strictObject({
  key: slug,
  name: nonEmptyText(),
  stages: z.array(StageSchema).check(z.minLength(1)),
})

export type Playbook = z.infer<typeof PlaybookSchema>
export type PlaybookPipeline = z.infer<typeof PipelineSchema>
export type PlaybookStage = z.infer<typeof StageSchema>
export type PlaybookStep = z.infer<typeof StepSchema>
export type TaskStep = z.infer<typeof TaskStepSchema>
export type NotifyStep = z.infer<typeof NotifyStepSchema>
export type TimeRule = z.infer<typeof TimeRuleSchema>
export type LeafTimeRule = z.infer<typeof LeafTimeRuleSchema>
export type Duration = z.infer<typeof DurationSchema>
export type Offset = z.infer<typeof OffsetSchema>

type Issue = { path: (string | number)[]; ru: string; en: string }

function uniqueBy<T>(items: readonly T[], pick: (item: T) => string, where: (index: number) => (string | number)[], what: string, out: Issue[]): void {
  const seen = new Set<string>()
  items.forEach((item, index) => {
    const value = normalizeName(pick(item))
    if (seen.has(value)) out.push({ path: where(index), ru: `Повтор: ${what} «${pick(item)}»`, en: `Duplicate ${what} «${pick(item)}»` })
    seen.add(value)
  })
}

function timeRuleFields(rule: TimeRule): PlaybookFieldKey[] {
  switch (rule.kind) {
    case 'after':
      return []
    case 'field':
      return [rule.field]
    case 'byEmergency':
      return [...timeRuleFields(rule.yes), ...timeRuleFields(rule.no)]
    case 'byComplexity':
      return [...timeRuleFields(rule.simple), ...timeRuleFields(rule.complex), ...timeRuleFields(rule.veryComplex)]
  }
}

function checkStage(stage: PlaybookStage, pipeline: PlaybookPipeline, stageIndex: number, at: (number | string)[], out: Issue[]): void {
  uniqueBy(stage.steps, (s) => s.id, (i) => [...at, 'steps', i, 'id'], 'id шага / step id', out)
  const earlier = new Set<string>()
  stage.steps.forEach((step, i) => {
    const here = [...at, 'steps', i]
    step.after?.steps.forEach((ref, j) => {
      if (!earlier.has(ref)) {
        out.push({
          path: [...here, 'after', 'steps', j],
          ru: `«${ref}» — не шаг выше на этой стадии`,
          en: `«${ref}» is not an earlier step of this stage`,
        })
      }
    })
    if (step.kind === 'notify') {
      step.cancelIfDone?.forEach((ref, j) => {
        if (!earlier.has(ref)) {
          out.push({
            path: [...here, 'cancelIfDone', j],
            ru: `«${ref}» — не шаг выше на этой стадии`,
            en: `«${ref}» is not an earlier step of this stage`,
          })
        }
      })
    }
    const rules = step.kind === 'task' ? [step.deadline] : step.kind === 'notify' ? [step.at] : []
    for (const rule of rules) {
      for (const field of timeRuleFields(rule)) {
        if (PLAYBOOK_FIELDS[field].kind !== 'date') {
          out.push({
            path: [...here, step.kind === 'task' ? 'deadline' : 'at'],
            ru: `Поле «${field}» не дата`,
            en: `Field «${field}» is not a date`,
          })
        }
      }
    }
    if (step.kind === 'task' && step.titleOnRevision && !step.revisionBy) {
      out.push({ path: [...here, 'titleOnRevision'], ru: 'titleOnRevision требует revisionBy', en: 'titleOnRevision needs revisionBy' })
    }
    if (step.kind === 'moveStage') {
      if (step.to === undefined) {
        if (stageIndex + 1 >= pipeline.stages.length) {
          out.push({ path: [...here, 'to'], ru: 'У последней стадии нет следующей', en: 'The last stage has no next stage' })
        }
      } else if (!pipeline.stages.some((s) => normalizeName(s.name) === normalizeName(step.to ?? ''))) {
        out.push({ path: [...here, 'to'], ru: `Нет стадии «${step.to}»`, en: `No stage «${step.to}»` })
      }
    }
    earlier.add(step.id)
  })
}

export const PlaybookSchema = z
  .strictObject({
    version: z.literal(1),
    pipelines: z.array(PipelineSchema).check(z.minLength(1)),
  })
  .check(
  z.superRefine((playbook, ctx) => {
    const issues: Issue[] = []
    uniqueBy(playbook.pipelines, (p) => p.name, (i) => ['pipelines', i, 'name'], 'направление / pipeline', issues)
    uniqueBy(playbook.pipelines, (p) => p.key, (i) => ['pipelines', i, 'key'], 'ключ / key', issues)
    playbook.pipelines.forEach((pipeline, p) => {
      uniqueBy(pipeline.stages, (s) => s.name, (i) => ['pipelines', p, 'stages', i, 'name'], 'стадия / stage', issues)
      uniqueBy(pipeline.stages, (s) => s.key, (i) => ['pipelines', p, 'stages', i, 'key'], 'ключ / key', issues)
      pipeline.stages.forEach((stage, s) => checkStage(stage, pipeline, s, ['pipelines', p, 'stages', s], issues))
    })
    for (const issue of issues) {
      ctx.addIssue({ code: 'custom', path: issue.path, params: { ru: issue.ru, en: issue.en } })
    }
  }),
  )

/** Pipelines and stages are matched by name as people write them: case and spacing do not matter. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('ru-RU').replace(/ё/g, 'е')
}
