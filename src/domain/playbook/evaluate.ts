import { PLAYBOOK_FIELDS } from '@/domain/fields/playbook'
import type { LocalizedText } from '@/domain/fields/types'
import type { PlaybookFieldKey, PlaybookFieldSpec } from '@/domain/fields/playbook'
import { describeCondition, evaluateCondition, isEmptyValue } from './conditions'
import type { ConditionContext } from './conditions'
import type {
  DealEvaluation,
  DealTask,
  EvaluateDealInput,
  FieldValue,
  StepView,
  WaitingOn,
} from './engine-types'
import { revisionToken, stepKey, stepKeyPrefix } from './keys'
import { formatMinor, formatMoney, currencySymbol, toMinorUnits } from './money'
import { normalizeName } from './schema'
import type { NotifyStep, PlaybookPipeline, PlaybookStage, PlaybookStep, TaskStep } from './schema'
import { renderTemplate } from './templates'
import { evaluateTime, formatSpan, spanMs, toIso, toMs } from './time'

type Lang = keyof LocalizedText

/** Bitrix24 statuses 4 (awaiting control: the responsible finished) and 5 (completed). */
export function isTaskClosed(task: Pick<DealTask, 'status'>): boolean {
  return task.status === 4 || task.status === 5
}

/** A paid amount as handed over: a number is already minor units, text is a money value. */
function paidMinorOf(value: FieldValue): number {
  if (typeof value === 'number') return Math.round(value)
  if (typeof value === 'string') return toMinorUnits(value) ?? 0
  return 0
}

function fieldNames(fields: PlaybookFieldKey[], lang: Lang): string {
  return fields.map((f) => `«${PLAYBOOK_FIELDS[f].label[lang]}»`).join(', ')
}

const both = (f: (lang: Lang) => string): LocalizedText => ({ ru: f('ru'), en: f('en') })

/** Result of the conditions a step passes before it can start. */
type Gate =
  | { open: true; activatedMs: number; revision?: string }
  | { open: false; state: 'waiting' | 'skipped'; waitingOn?: WaitingOn; explanation: LocalizedText; settledMs?: number }

/**
 * Reads the deal against its stage's playbook and says what is done, what to do now,
 * what waits and on what, what blocks and why, what is overdue, and what the app must
 * create or send. Pure: the same input always gives the same output.
 */
export function evaluateDeal(input: EvaluateDealInput): DealEvaluation {
  const { deal, playbook, people } = input
  const nowMs = toMs(input.now instanceof Date ? input.now : input.now) ?? Date.now()
  const performed = new Set(input.performedActionKeys ?? [])
  const paidMinor = paidMinorOf(deal.fields.paidAmount)
  const money = { amount: deal.amountMinor, paid: paidMinor, debt: deal.amountMinor - paidMinor }
  const moneyText = both((lang) => `${lang === 'ru' ? 'Долг' : 'Debt'}: ${formatMoney(money.debt, deal.currency, lang)}`)

  const result: DealEvaluation = {
    matched: false,
    needsHead: false,
    responsibleId: deal.responsibleId,
    money: { amountMinor: money.amount, paidMinor: money.paid, debtMinor: money.debt, currency: deal.currency, text: moneyText },
    keyFields: [],
    steps: [],
    blockers: [],
    overdue: [],
    nextStage: null,
    autoActions: [],
    notificationsDue: [],
    tasksToCreate: [],
    obsoleteTasks: [],
    missingPeople: [],
  }

  const pipeline = playbook.pipelines.find((p) => normalizeName(p.name) === normalizeName(deal.pipelineName))
  if (!pipeline) {
    result.problem = both((lang) =>
      lang === 'ru' ? `Для направления «${deal.pipelineName}» нет плейбука` : `No playbook for pipeline «${deal.pipelineName}»`,
    )
    return result
  }
  const stageIndex = pipeline.stages.findIndex((s) => normalizeName(s.name) === normalizeName(deal.stageName))
  const stage = pipeline.stages[stageIndex]
  if (!stage) {
    result.problem = both((lang) =>
      lang === 'ru'
        ? `В плейбуке направления «${pipeline.name}» нет стадии «${deal.stageName}»`
        : `The playbook of «${pipeline.name}» has no stage «${deal.stageName}»`,
    )
    return result
  }

  result.matched = true
  result.pipeline = { key: pipeline.key, name: pipeline.name }
  result.stage = { key: stage.key, name: stage.name }
  if (stage.section) result.stage.section = stage.section
  if (stage.final) result.stage.final = stage.final
  result.keyFields = [...(stage.keyFields ?? [])]
  const field = (key: PlaybookFieldKey): FieldValue => deal.fields[key]
  const conditionCtx: ConditionContext = { field, money, nowMs }
  const stageEnteredMs = toMs(deal.stageEnteredAt) ?? nowMs
  const keyOf = (stepId: string, index: number, revision?: string): string =>
    stepKey({ dealId: deal.id, pipelineKey: pipeline.key, stageKey: stage.key, stepId, index, ...(revision ? { revision } : {}) })

  // A pending «assign to whoever moved the deal» changes who «responsible» means for this stage's tasks.
  const assignStep = stage.steps.find((s) => s.kind === 'assignResponsible')
  if (assignStep && deal.movedById && deal.movedById !== deal.responsibleId && !performed.has(keyOf(assignStep.id, 0))) {
    result.responsibleId = deal.movedById
  }

  const missingPeople = new Set<string>()
  const resolve = (who: string): number | null => {
    if (who === 'responsible') return result.responsibleId
    const found =
      who === 'head'
        ? people.headId
        : who === 'productManager'
          ? people.productManagerId
          : who.startsWith('role:')
            ? people.roles?.[who.slice(5)]
            : who.startsWith('user:')
              ? Number(who.slice(5))
              : null
    if (found === null || found === undefined) {
      missingPeople.add(who)
      return null
    }
    return found
  }
  result.needsHead = Boolean(stage.resolveHead) || stage.steps.some((s) => peopleOf(s).includes('head'))

  const vars = (lang: Lang, title: string): Record<string, string> => {
    const out: Record<string, string> = {
      paid: formatMinor(money.paid, lang),
      amount: formatMinor(money.amount, lang),
      debt: formatMinor(money.debt, lang),
      currency: currencySymbol(deal.currency),
      title,
      stage: stage.name,
      dealId: String(deal.id),
    }
    for (const key of Object.keys(PLAYBOOK_FIELDS) as PlaybookFieldKey[]) {
      const value = field(key)
      const spec: PlaybookFieldSpec = PLAYBOOK_FIELDS[key]
      const option = spec.options?.find((o) => o.code === value)
      out[`field:${key}`] = option ? (lang === 'ru' ? option.value : option.en) : isEmptyValue(value) ? '—' : String(value)
    }
    return out
  }
  // The next stage's steps as they will read: their texts with this deal's values, not `{dealId}`.
  const preview = previewNextStage(pipeline, stageIndex)
  result.nextStage = preview && { ...preview, steps: preview.steps.map((step) => ({ ...step, title: renderTemplate(step.title, vars('ru', step.title)) })) }

  const settled = new Map<string, number>()
  const usedTaskIds = new Set<number>()
  // Titles as the person reads them: a waiting reminder shows this deal's number and sums, not `#{dealId}`.
  const titles = new Map(stage.steps.map((s) => {
    const raw = stepTitle(s, pipeline, stageIndex)
    return [s.id, renderTemplate(raw, vars('ru', raw))]
  }))

  const gate = (step: PlaybookStep): Gate => {
    let activatedMs = stageEnteredMs
    if (step.after) {
      const pending = step.after.steps.filter((id) => !settled.has(id))
      if (pending.length > 0) {
        const names = pending.map((id) => `«${titles.get(id) ?? id}»`).join(', ')
        return {
          open: false,
          state: 'waiting',
          waitingOn: { kind: 'steps', stepIds: pending },
          explanation: both((lang) => `${lang === 'ru' ? 'После' : 'After'}: ${names}`),
        }
      }
      activatedMs = Math.max(...step.after.steps.map((id) => settled.get(id) ?? stageEnteredMs))
      if (step.after.delay) {
        activatedMs += spanMs(step.after.delay)
        if (nowMs < activatedMs) {
          const until = toIso(activatedMs)
          const left = formatSpan(activatedMs - nowMs)
          return {
            open: false,
            state: 'waiting',
            waitingOn: { kind: 'time', until },
            explanation: both((lang) => (lang === 'ru' ? `Проверка через ${left.ru}` : `Check in ${left.en}`)),
          }
        }
      }
    }
    if (step.when) {
      const when = evaluateCondition(step.when, conditionCtx)
      if (when.value === false) {
        const text = describeCondition(step.when)
        return {
          open: false,
          state: 'skipped',
          settledMs: activatedMs,
          // describeCondition already quotes field names: no second pair of quotes here.
          explanation: both((lang) => (lang === 'ru' ? `Не нужно: не выполнено условие ${text.ru}` : `Not needed: ${text.en} does not hold`)),
        }
      }
      if (when.value === 'unknown') return waitForFields(when.missing)
    }
    if (step.waitUntil) {
      const until = evaluateCondition(step.waitUntil, conditionCtx)
      if (until.value === 'unknown') return waitForFields(until.missing)
      if (until.value === false) {
        const text = describeCondition(step.waitUntil)
        return {
          open: false,
          state: 'waiting',
          waitingOn: { kind: 'condition' },
          explanation: both((lang) => `${lang === 'ru' ? 'Ждёт, пока' : 'Waits until'} ${text[lang]}`),
        }
      }
    }
    if (step.revisionBy) {
      const value = field(step.revisionBy)
      if (isEmptyValue(value) || value === null || value === undefined) return waitForFields([step.revisionBy])
      return { open: true, activatedMs, revision: revisionToken(value, PLAYBOOK_FIELDS[step.revisionBy].kind === 'date') }
    }
    return { open: true, activatedMs }
  }

  const addView = (view: StepView, settledMs?: number): void => {
    result.steps.push(view)
    if (settledMs !== undefined) settled.set(view.id, settledMs)
    if (view.state === 'blocked' && view.blockedReason) {
      result.blockers.push({ stepId: view.id, kind: 'check', text: view.blockedReason })
    }
    if (view.state === 'waiting' && view.waitingOn?.kind === 'fields' && view.explanation) {
      result.blockers.push({ stepId: view.id, kind: 'field', text: view.explanation })
    }
    if (view.overdueByMs !== undefined && view.overdueBy) {
      result.overdue.push({ stepId: view.id, byMs: view.overdueByMs, text: view.overdueBy })
    }
  }

  const gatedView = (step: PlaybookStep, g: Extract<Gate, { open: false }>): void => {
    const view: StepView = { id: step.id, kind: step.kind, title: titles.get(step.id) ?? step.id, state: g.state, explanation: g.explanation, automatic: step.kind !== 'task' }
    if (g.waitingOn) view.waitingOn = g.waitingOn
    addView(view, g.state === 'skipped' ? g.settledMs : undefined)
  }

  const evaluateTask = (step: TaskStep): void => {
    const prefix = stepKeyPrefix({ dealId: deal.id, pipelineKey: pipeline.key, stageKey: stage.key, stepId: step.id })
    const ownTasks = input.tasks.filter((t) => t.tag?.startsWith(prefix))
    let revision: string | undefined
    if (step.revisionBy) {
      const value = field(step.revisionBy)
      if (!isEmptyValue(value) && value !== null && value !== undefined) {
        revision = revisionToken(value, PLAYBOOK_FIELDS[step.revisionBy].kind === 'date')
      }
    }
    const key = keyOf(step.id, 0, revision)
    const earlierRevisions = step.revisionBy ? ownTasks.filter((t) => t.tag !== key) : []
    const title = earlierRevisions.length > 0 && step.titleOnRevision ? step.titleOnRevision : step.title
    let task = ownTasks.find((t) => t.tag === key)
    if (!task && !step.revisionBy) {
      // A task someone made by hand on this stage, with the story's title, counts as this step's.
      task = input.tasks.find(
        (t) => !t.tag && !usedTaskIds.has(t.id) && normalizeName(t.title) === normalizeName(step.title) && (toMs(t.createdAt) ?? 0) >= stageEnteredMs,
      )
    }
    if (revision) {
      for (const old of earlierRevisions) {
        if (!isTaskClosed(old) && old.tag) result.obsoleteTasks.push({ taskId: old.id, key: old.tag })
      }
    }

    let activatedMs = stageEnteredMs
    if (!task) {
      const g = gate(step)
      if (!g.open) return gatedView(step, g)
      // A task that waited for its condition («После получения оплаты…») starts when the
      // condition is seen to hold, so it is never born overdue.
      activatedMs = step.waitUntil ? Math.max(g.activatedMs, nowMs) : g.activatedMs
    } else {
      usedTaskIds.add(task.id)
    }

    // A closed task is judged as of its closing: a date that was in the future then and has
    // passed since (time alone) does not make it «closed too early» days later.
    const closedMs = task && isTaskClosed(task) ? toMs(task.closedAt ?? null) : null
    const checkCtx = closedMs === null ? conditionCtx : { ...conditionCtx, nowMs: closedMs }
    const check = step.blockUntil ? evaluateCondition(step.blockUntil.condition, checkCtx) : null
    const blockedReason =
      step.blockUntil && check && check.value !== true
        ? both((lang) => renderTemplate(step.blockUntil?.reason[lang] ?? '', vars(lang, title)))
        : undefined

    const view: StepView = { id: step.id, kind: 'task', title, state: 'todo', key, automatic: false }
    if (task) view.taskId = task.id

    if (task && isTaskClosed(task)) {
      if (blockedReason) {
        view.state = 'blocked'
        view.blockedReason = blockedReason
        view.explanation = blockedReason
        view.closedTooEarly = true
        return addView(view)
      }
      view.state = 'done'
      return addView(view, toMs(task.closedAt ?? null) ?? toMs(task.createdAt) ?? nowMs)
    }

    let deadlineMs = task ? toMs(task.deadline ?? null) : null
    if (!task) {
      const time = evaluateTime(step.deadline, { activatedMs, stageEnteredMs, field })
      if ('missing' in time) return gatedView(step, waitForFields(time.missing))
      deadlineMs = time.ms
      const description = [
        step.description ? renderTemplate(step.description, vars('ru', title)) : `${stage.name}: ${title}`,
        step.blockUntil ? `Задачу нельзя закрыть, пока не выполнено: ${describeCondition(step.blockUntil.condition).ru}.` : '',
      ]
        .filter(Boolean)
        .join('\n')
      result.tasksToCreate.push({
        key,
        stepId: step.id,
        title,
        responsibleId: resolve(step.responsible),
        auditorIds: (step.auditors ?? []).map(resolve).filter((id): id is number => id !== null),
        deadline: toIso(deadlineMs),
        description,
      })
    }
    if (deadlineMs !== null) {
      view.deadline = toIso(deadlineMs)
      if (deadlineMs < nowMs) {
        view.state = 'overdue'
        view.overdueByMs = nowMs - deadlineMs
        const span = formatSpan(view.overdueByMs)
        view.overdueBy = span
        view.explanation = both((lang) => `${lang === 'ru' ? 'Просрочено на' : 'Overdue by'} ${span[lang]}`)
      }
    }
    if (blockedReason) {
      view.state = 'blocked'
      view.blockedReason = blockedReason
      view.explanation = blockedReason
    }
    addView(view)
  }

  const evaluateNotify = (step: NotifyStep): void => {
    const title = renderTemplate(step.message, vars('ru', step.message))
    const base: StepView = { id: step.id, kind: 'notify', title, state: 'waiting', automatic: true }
    if (step.cancelIfDone && step.cancelIfDone.every((id) => settled.has(id))) {
      // A reminder that already went out (late) stays sent: it was needed, whatever was done since.
      const prefix = stepKeyPrefix({ dealId: deal.id, pipelineKey: pipeline.key, stageKey: stage.key, stepId: step.id })
      const sentKey = [...performed].find((key) => key.startsWith(prefix))
      if (sentKey) {
        return addView({ ...base, key: sentKey, state: 'done', explanation: both((lang) => (lang === 'ru' ? 'Отправлено' : 'Sent')) }, stageEnteredMs)
      }
      return addView(
        { ...base, state: 'skipped', explanation: both((lang) => (lang === 'ru' ? 'Не нужно: всё сделано вовремя' : 'Not needed: done in time')) },
        stageEnteredMs,
      )
    }
    const g = gate(step)
    if (!g.open) return gatedView(step, g)
    if (step.repeat?.while) {
      const go = evaluateCondition(step.repeat.while, conditionCtx)
      if (go.value !== true) {
        return addView({ ...base, state: 'done', explanation: both((lang) => (lang === 'ru' ? 'Цикл завершён' : 'Cycle finished')) }, nowMs)
      }
    }
    const time = evaluateTime(step.at, { activatedMs: g.activatedMs, stageEnteredMs, field })
    if ('missing' in time) return gatedView(step, waitForFields(time.missing))
    if (nowMs < time.ms) {
      return addView({ ...base, waitingOn: { kind: 'time', until: toIso(time.ms) }, nextAt: toIso(time.ms), explanation: whenText(time.ms - nowMs) })
    }
    const every = step.repeat ? spanMs(step.repeat.every) : 0
    const index = every > 0 ? Math.floor((nowMs - time.ms) / every) : 0
    const dueMs = time.ms + index * every
    const key = keyOf(step.id, index, g.revision)
    const view: StepView = { ...base, key }
    if (performed.has(key)) {
      if (every > 0) {
        const next = dueMs + every
        return addView({ ...view, state: 'waiting', waitingOn: { kind: 'time', until: toIso(next) }, nextAt: toIso(next), explanation: whenText(next - nowMs) })
      }
      return addView({ ...view, state: 'done' }, dueMs)
    }
    const recipients = step.recipients.filter((r) => r !== 'client').map(resolve).filter((id): id is number => id !== null)
    result.notificationsDue.push({
      key,
      stepId: step.id,
      channels: [...step.channels],
      userIds: [...new Set(recipients)],
      toClient: step.recipients.includes('client'),
      message: title,
      index,
      dueAt: toIso(dueMs),
    })
    const viewDue: StepView = { ...view, state: 'todo' }
    if (every > 0) viewDue.nextAt = toIso(dueMs + every)
    addView(viewDue)
  }

  for (const step of stage.steps) {
    switch (step.kind) {
      case 'task':
        evaluateTask(step)
        break
      case 'notify':
        evaluateNotify(step)
        break
      case 'moveStage': {
        const g = gate(step)
        if (!g.open) {
          gatedView(step, g)
          break
        }
        const key = keyOf(step.id, 0)
        const view: StepView = { id: step.id, kind: step.kind, title: titles.get(step.id) ?? '', state: 'todo', key, automatic: true }
        if (performed.has(key)) {
          addView({ ...view, state: 'done' }, nowMs)
          break
        }
        const target = step.to ?? pipeline.stages[stageIndex + 1]?.name ?? stage.name
        result.autoActions.push({ type: 'moveStage', key, stepId: step.id, toStageName: target })
        addView(view)
        break
      }
      case 'assignResponsible': {
        const g = gate(step)
        if (!g.open) {
          gatedView(step, g)
          break
        }
        const key = keyOf(step.id, 0)
        const view: StepView = { id: step.id, kind: step.kind, title: titles.get(step.id) ?? '', state: 'done', key, automatic: true }
        if (!deal.movedById) {
          addView({ ...view, state: 'skipped', explanation: both((lang) => (lang === 'ru' ? 'Неизвестно, кто перевёл сделку' : 'Unknown who moved the deal')) }, stageEnteredMs)
        } else if (deal.movedById === deal.responsibleId || performed.has(key)) {
          addView(view, stageEnteredMs)
        } else {
          result.autoActions.push({ type: 'setResponsible', key, stepId: step.id, userId: deal.movedById })
          addView({ ...view, state: 'todo' })
        }
        break
      }
    }
  }
  result.missingPeople = [...missingPeople]
  return result
}

function peopleOf(step: PlaybookStep): string[] {
  if (step.kind === 'task') return [step.responsible, ...(step.auditors ?? [])]
  if (step.kind === 'notify') return step.recipients
  return []
}

function waitForFields(fields: PlaybookFieldKey[]): Extract<Gate, { open: false }> {
  const unique = [...new Set(fields)]
  return {
    open: false,
    state: 'waiting',
    waitingOn: { kind: 'fields', fields: unique },
    explanation: both((lang) => `${lang === 'ru' ? 'Заполните поле' : 'Fill in'} ${fieldNames(unique, lang)}`),
  }
}

function whenText(leftMs: number): LocalizedText {
  const span = formatSpan(leftMs)
  return both((lang) => (lang === 'ru' ? `Через ${span.ru}` : `In ${span.en}`))
}

/** What a step is called in the tab. */
export function stepTitle(step: PlaybookStep, pipeline: PlaybookPipeline, stageIndex: number): string {
  switch (step.kind) {
    case 'task':
      return step.title
    case 'notify':
      return step.message
    case 'moveStage':
      return `Перевести сделку на стадию «${step.to ?? pipeline.stages[stageIndex + 1]?.name ?? ''}»`
    case 'assignResponsible':
      return 'Назначить ответственным того, кто перевёл сделку'
  }
}

function previewNextStage(pipeline: PlaybookPipeline, stageIndex: number): DealEvaluation['nextStage'] {
  const current = pipeline.stages[stageIndex]
  if (!current || current.final) return null
  const next: PlaybookStage | undefined = pipeline.stages.slice(stageIndex + 1).find((s) => s.final !== 'failure')
  if (!next) return null
  const nextIndex = pipeline.stages.indexOf(next)
  return {
    key: next.key,
    name: next.name,
    steps: next.steps.filter((s) => !s.after).map((s) => ({ id: s.id, kind: s.kind, title: stepTitle(s, pipeline, nextIndex) })),
  }
}
