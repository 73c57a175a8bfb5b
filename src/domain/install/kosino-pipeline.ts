import { KOSINO_PIPELINE } from '../playbook/defaults/kosino'

/*
 * The install creates the Kosino sale's pipeline «Продажи ППК Косино» on a portal that lacks it
 * (issue 16), stage names as its playbook names them (the playbook finds pipeline and stage by
 * name, so no ID needs mapping). A pure plan from what the portal holds, so a re-run, or a run
 * after a crash half-way, finds the pipeline by name and only finishes it:
 * - no pipeline of that name: crm.category.add (entityTypeId 2); the portal gives a new pipeline
 *   its default stages (b24restdocs api-reference/crm/universal/category/crm-category-add.md);
 * - then its stages (ENTITY_ID DEAL_STAGE_<id>, crm/status/crm-status-add.md): the default first,
 *   success and failure stages, still under their default names, are renamed to the Kosino ones
 *   (crm-status-update.md: they are system stages and cannot go); the other Kosino stages are
 *   added; the other default stages, still under their default names, are deleted
 *   (crm-status-delete.md). A stage someone renamed is never touched.
 */

export interface PipelineStageSpec {
  /** STATUS_ID without the pipeline's «C<id>:» prefix. */
  code: string
  name: string
  semantics?: 'S' | 'F'
  sort: number
}

const CODES: Record<string, string> = {
  terms: 'TERMS',
  loi: 'LOI',
  'contract-approval': 'CONTRACT_APPROVAL',
  'contract-signing': 'CONTRACT_SIGNING',
  deposit: 'DEPOSIT',
  acceptance: 'ACCEPTANCE',
  won: 'WON',
  'not-agreed': 'NOT_AGREED',
  'not-signed': 'NOT_SIGNED',
}

export const KOSINO_PIPELINE_NAME = KOSINO_PIPELINE.name

/** The playbook's stages in order, as portal stages. */
export const KOSINO_PIPELINE_STAGES: readonly PipelineStageSpec[] = KOSINO_PIPELINE.stages.map((stage, index) => ({
  code: CODES[stage.key] ?? stage.key.toUpperCase().replace(/-/g, '_'),
  name: stage.name,
  ...(stage.final === 'success' ? { semantics: 'S' as const } : stage.final === 'failure' ? { semantics: 'F' as const } : {}),
  sort: (index + 1) * 10,
}))

/** The portal's default stages of a new pipeline, under their default names (ru and en portals). */
const DEFAULT_STAGES: Record<string, readonly string[]> = {
  NEW: ['Новая', 'New'],
  PREPARATION: ['Подготовка документов', 'Preparing documents', 'Prepare documents'],
  PREPAYMENT_INVOICE: ['Счёт на предоплату', 'Счет на предоплату', 'Prepayment invoice'],
  EXECUTING: ['В работе', 'In progress'],
  FINAL_INVOICE: ['Финальный счёт', 'Финальный счет', 'Final invoice'],
  WON: ['Сделка успешна', 'Deal won'],
  LOSE: ['Сделка провалена', 'Deal lost'],
  APOLOGY: ['Анализ причины провала', 'Analyze failure'],
}

/** A row of crm.category.list (entityTypeId 2). */
export interface CategoryRow {
  id: number | string
  name: string
}

/** A row of crm.status.list for DEAL_STAGE_<id>. */
export interface StageRow {
  ID: number | string
  STATUS_ID: string
  NAME: string
}

export type PipelineStep =
  | { kind: 'pipeline'; name: string }
  | { kind: 'stage-rename'; rowId: number; from: string; spec: PipelineStageSpec }
  | { kind: 'stage-add'; categoryId: number; spec: PipelineStageSpec }
  | { kind: 'stage-delete'; rowId: number; name: string }

const same = (a: string, b: string) => a.trim().toLocaleLowerCase('ru') === b.trim().toLocaleLowerCase('ru')

export function findKosinoPipeline(categories: readonly CategoryRow[]): number | null {
  const found = categories.find((category) => same(category.name, KOSINO_PIPELINE_NAME))
  return found ? Number(found.id) : null
}

/** What brings the portal's Kosino pipeline to the playbook's; nothing when it is there already. */
export function planKosinoPipeline(categories: readonly CategoryRow[], stages: readonly StageRow[]): PipelineStep[] {
  const categoryId = findKosinoPipeline(categories)
  if (categoryId === null) return [{ kind: 'pipeline', name: KOSINO_PIPELINE_NAME }]
  const prefix = `C${categoryId}:`
  const codeOf = (row: StageRow) => (row.STATUS_ID.startsWith(prefix) ? row.STATUS_ID.slice(prefix.length) : row.STATUS_ID)
  const untouched = (row: StageRow) => (DEFAULT_STAGES[codeOf(row)] ?? []).some((name) => same(name, row.NAME))
  const wanted = new Set(KOSINO_PIPELINE_STAGES.map((spec) => spec.name.toLocaleLowerCase('ru')))
  const steps: PipelineStep[] = []
  const used = new Set<StageRow>()
  const firstFailure = KOSINO_PIPELINE_STAGES.find((spec) => spec.semantics === 'F')
  for (const [index, spec] of KOSINO_PIPELINE_STAGES.entries()) {
    if (stages.some((row) => same(row.NAME, spec.name))) continue
    const systemCode = index === 0 ? 'NEW' : spec.semantics === 'S' ? 'WON' : spec === firstFailure ? 'LOSE' : null
    const system = systemCode ? stages.find((row) => codeOf(row) === systemCode && untouched(row) && !used.has(row)) : undefined
    if (system) {
      used.add(system)
      steps.push({ kind: 'stage-rename', rowId: Number(system.ID), from: system.NAME, spec })
    } else {
      steps.push({ kind: 'stage-add', categoryId, spec })
    }
  }
  for (const row of stages) {
    if (used.has(row) || !untouched(row) || wanted.has(row.NAME.toLocaleLowerCase('ru'))) continue
    if (['NEW', 'WON', 'LOSE'].includes(codeOf(row))) continue
    steps.push({ kind: 'stage-delete', rowId: Number(row.ID), name: row.NAME })
  }
  return steps
}

/** The REST call of a step. */
export function pipelineStepCommand(step: PipelineStep): [string, Record<string, unknown>] {
  switch (step.kind) {
    case 'pipeline':
      // b24restdocs api-reference/crm/universal/category/crm-category-add.md
      return ['crm.category.add', { entityTypeId: 2, fields: { name: step.name, sort: 500 } }]
    case 'stage-rename':
      // crm/status/crm-status-update.md
      return ['crm.status.update', { id: step.rowId, fields: { NAME: step.spec.name, SORT: step.spec.sort } }]
    case 'stage-add':
      // crm/status/crm-status-add.md: a pipeline's stages are DEAL_STAGE_<id>, their IDs «C<id>:CODE»
      return [
        'crm.status.add',
        {
          fields: {
            ENTITY_ID: `DEAL_STAGE_${step.categoryId}`,
            STATUS_ID: `C${step.categoryId}:${step.spec.code}`,
            NAME: step.spec.name,
            SORT: step.spec.sort,
            ...(step.spec.semantics === 'F' ? { SEMANTICS: 'F' } : {}),
          },
        },
      ]
    case 'stage-delete':
      // crm/status/crm-status-delete.md: a default failure stage («Анализ причины провала») may be a system
      // one, deleted only with FORCED; the portal still refuses while deals are in it.
      return ['crm.status.delete', { id: step.rowId, params: { FORCED: 'Y' } }]
  }
}
