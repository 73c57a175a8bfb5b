import { PLAYBOOK_FIELDS } from '@/domain/fields/playbook'
import type { PlaybookFieldKey } from '@/domain/fields/playbook'
import { formatPath, parsePlaybook, playbookError } from './parse'
import type { ParsePlaybookResult, PlaybookError } from './parse'
import { nearestHint } from './nearest'
import { normalizeName } from './schema'
import type { Condition, Playbook, PlaybookStep, TimeRule } from './schema'

/**
 * The playbook against the portal it runs on: every pipeline and stage it names is matched by
 * name (as the tab and the runner match a deal), and every deal field its rules read is one of the
 * portal's. A name with a typo would match no deal and silently drop its rules, so it is refused
 * with the path, the unknown name and the nearest existing one. The portal is passed in as data
 * (crm.category.list, crm.status.list, crm.deal.fields as read by the caller).
 */
export interface PortalPipeline {
  name: string
  /** Stage names in the pipeline's order. */
  stages: readonly string[]
}

export interface PortalCatalog {
  pipelines: readonly PortalPipeline[]
  /** Field names of a deal on the portal (crm.deal.fields keys, `UF_CRM_*` included). */
  dealFields: readonly string[]
}

export { nearestName } from './nearest'

type Path = (string | number)[]

function conditionFields(condition: Condition | undefined, at: Path, out: [PlaybookFieldKey, Path][]): void {
  if (!condition) return
  switch (condition.type) {
    case 'field':
      out.push([condition.field, [...at, 'field']])
      return
    case 'money':
      if (condition.left === 'paid' || condition.right === 'paid' || condition.left === 'debt' || condition.right === 'debt') out.push(['paidAmount', at])
      return
    case 'not':
      conditionFields(condition.of, [...at, 'of'], out)
      return
    default:
      condition.of.forEach((part, i) => conditionFields(part, [...at, 'of', i], out))
  }
}

function timeRuleFields(rule: TimeRule | undefined, at: Path, out: [PlaybookFieldKey, Path][]): void {
  if (!rule) return
  if (rule.kind === 'field') out.push([rule.field, at])
  if (rule.kind === 'byEmergency') out.push(['emergency', at])
  if (rule.kind === 'byComplexity') out.push(['complexity', at])
}

/** Every deal field a step reads, with where it reads it. */
function stepFields(step: PlaybookStep, at: Path, out: [PlaybookFieldKey, Path][]): void {
  conditionFields(step.when, [...at, 'when'], out)
  conditionFields(step.waitUntil, [...at, 'waitUntil'], out)
  if (step.revisionBy) out.push([step.revisionBy, [...at, 'revisionBy']])
  if (step.kind === 'task') {
    timeRuleFields(step.deadline, [...at, 'deadline'], out)
    conditionFields(step.blockUntil?.condition, [...at, 'blockUntil', 'condition'], out)
  }
  if (step.kind === 'notify') {
    timeRuleFields(step.at, [...at, 'at'], out)
    conditionFields(step.repeat?.while, [...at, 'repeat', 'while'], out)
  }
}

type Loose = { name?: unknown; stages?: unknown }

const list = (value: unknown): Loose[] => (Array.isArray(value) ? value.filter((item): item is Loose => typeof item === 'object' && item !== null) : [])

/**
 * The pipeline and stage names of a playbook, even one the schema refuses (a typo in a stage name
 * also breaks the moves that name it: the admin is told which name the portal has).
 */
export function checkNamesOnPortal(value: unknown, portal: PortalCatalog): PlaybookError[] {
  const errors: PlaybookError[] = []
  const pipelineNames = portal.pipelines.map((p) => p.name)
  list((value as { pipelines?: unknown } | null)?.pipelines).forEach((pipeline, p) => {
    if (typeof pipeline.name !== 'string') return
    const name = pipeline.name
    const onPortal = portal.pipelines.find((candidate) => normalizeName(candidate.name) === normalizeName(name))
    if (!onPortal) {
      const hint = nearestHint(name, pipelineNames)
      errors.push(
        playbookError(formatPath(['pipelines', p, 'name']), {
          ru: `На портале нет направления сделок «${name}»${hint.ru}`,
          en: `The portal has no deal pipeline «${name}»${hint.en}`,
        }),
      )
      return
    }
    const known = new Set(onPortal.stages.map(normalizeName))
    list(pipeline.stages).forEach((stage, s) => {
      if (typeof stage.name !== 'string' || known.has(normalizeName(stage.name))) return
      const hint = nearestHint(stage.name, onPortal.stages, 'f')
      errors.push(
        playbookError(formatPath(['pipelines', p, 'stages', s, 'name']), {
          ru: `В направлении «${onPortal.name}» на портале нет стадии «${stage.name}»${hint.ru}`,
          en: `The pipeline «${onPortal.name}» on the portal has no stage «${stage.name}»${hint.en}`,
        }),
      )
    })
  })
  return errors
}

/**
 * Stages the playbook names for a pipeline that the pipeline on the portal does not have: their
 * rules would never apply. The tab tells them for the deal's pipeline (a playbook written around
 * the editor, or a stage renamed on the portal after the playbook was saved).
 */
export function stagesMissingOnPortal(playbook: Playbook, pipeline: PortalPipeline): PlaybookError[] {
  if (pipeline.stages.length === 0) return []
  return checkNamesOnPortal(playbook, { pipelines: [pipeline], dealFields: [] }).filter((error) => error.path.includes('.stages['))
}

export function checkPlaybookOnPortal(playbook: Playbook, portal: PortalCatalog): PlaybookError[] {
  const errors = checkNamesOnPortal(playbook, portal)
  const fieldsUsed: [PlaybookFieldKey, Path][] = []
  playbook.pipelines.forEach((pipeline, p) => {
    pipeline.stages.forEach((stage, s) => {
      const at: Path = ['pipelines', p, 'stages', s]
      stage.keyFields?.forEach((field, i) => fieldsUsed.push([field, [...at, 'keyFields', i]]))
      stage.steps.forEach((step, i) => stepFields(step, [...at, 'steps', i], fieldsUsed))
    })
  })
  const dealFields = new Set(portal.dealFields)
  for (const [key, path] of fieldsUsed) {
    const spec = PLAYBOOK_FIELDS[key]
    if (dealFields.has(spec.fieldName)) continue
    errors.push(
      playbookError(formatPath(path), {
        ru: `На портале нет поля сделки «${spec.label.ru}» (${spec.fieldName}): его создаёт установка приложения — повторите её в настройках`,
        en: `The portal has no deal field «${spec.label.en}» (${spec.fieldName}): the app's install creates it — repeat it in the settings`,
      }),
    )
  }
  return errors
}

/**
 * Everything a playbook is checked by before it is saved, JSON text or a value: the schema and
 * the portal's names and fields. Names missing on the portal are told even when the schema
 * refuses the playbook too.
 */
export function checkPlaybook(candidate: unknown, portal: PortalCatalog): ParsePlaybookResult {
  const parsed = parsePlaybook(candidate)
  if (parsed.ok) {
    const errors = checkPlaybookOnPortal(parsed.playbook, portal)
    return errors.length > 0 ? { ok: false, errors } : parsed
  }
  let value = candidate
  if (typeof candidate === 'string') {
    try {
      value = JSON.parse(candidate)
    } catch {
      return parsed
    }
  }
  return { ok: false, errors: [...checkNamesOnPortal(value, portal), ...parsed.errors] }
}
