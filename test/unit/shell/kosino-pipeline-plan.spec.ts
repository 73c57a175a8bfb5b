// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { KOSINO_PIPELINE } from '@/domain/playbook/defaults/kosino'
import {
  KOSINO_PIPELINE_NAME,
  KOSINO_PIPELINE_STAGES,
  pipelineStepCommand,
  planKosinoPipeline,
  type CategoryRow,
  type PipelineStep,
  type StageRow,
} from '@/domain/install/kosino-pipeline'

// The install's Kosino pipeline (issue 16): found by name, created once, its stages brought to
// the playbook's. Shapes: b24restdocs crm/universal/category/crm-category-add.md, crm-category-list.md,
// crm/status/crm-status-list.md, crm-status-add.md, crm-status-update.md, crm-status-delete.md.

/** A new pipeline's default stages as the portal makes them. */
function defaults(categoryId: number): StageRow[] {
  const rows: [string, string][] = [
    ['NEW', 'Новая'],
    ['PREPARATION', 'Подготовка документов'],
    ['PREPAYMENT_INVOICE', 'Счёт на предоплату'],
    ['EXECUTING', 'В работе'],
    ['FINAL_INVOICE', 'Финальный счёт'],
    ['WON', 'Сделка успешна'],
    ['LOSE', 'Сделка провалена'],
    ['APOLOGY', 'Анализ причины провала'],
  ]
  return rows.map(([code, name], index) => ({ ID: 100 + index, STATUS_ID: `C${categoryId}:${code}`, NAME: name }))
}

/** The portal after the steps ran, as crm.category.list / crm.status.list report it. */
function apply(categories: CategoryRow[], stages: StageRow[], steps: PipelineStep[]): { categories: CategoryRow[]; stages: StageRow[] } {
  let nextCategories = [...categories]
  let nextStages = [...stages]
  let id = 500
  for (const step of steps) {
    if (step.kind === 'pipeline') {
      nextCategories = [...nextCategories, { id: 7, name: step.name }]
      nextStages = defaults(7)
    }
    if (step.kind === 'stage-rename') nextStages = nextStages.map((row) => (Number(row.ID) === step.rowId ? { ...row, NAME: step.spec.name } : row))
    if (step.kind === 'stage-add') nextStages = [...nextStages, { ID: ++id, STATUS_ID: `C${step.categoryId}:${step.spec.code}`, NAME: step.spec.name }]
    if (step.kind === 'stage-delete') nextStages = nextStages.filter((row) => Number(row.ID) !== step.rowId)
  }
  return { categories: nextCategories, stages: nextStages }
}

const others: CategoryRow[] = [
  { id: 1, name: 'Товары' },
  { id: 2, name: 'Услуги' },
]

describe('the Kosino pipeline at install', () => {
  it('has the playbook’s stages in its order, the won one a success and the two lost ones failures', () => {
    expect(KOSINO_PIPELINE_STAGES.map((spec) => spec.name)).toEqual(KOSINO_PIPELINE.stages.map((stage) => stage.name))
    expect(KOSINO_PIPELINE_STAGES.filter((spec) => spec.semantics === 'S').map((spec) => spec.code)).toEqual(['WON'])
    expect(KOSINO_PIPELINE_STAGES.filter((spec) => spec.semantics === 'F').map((spec) => spec.code)).toEqual(['NOT_AGREED', 'NOT_SIGNED'])
  })

  it('creates a missing pipeline first, and nothing else until the portal has it', () => {
    const steps = planKosinoPipeline(others, [])
    expect(steps).toEqual([{ kind: 'pipeline', name: KOSINO_PIPELINE_NAME }])
    expect(pipelineStepCommand(steps[0]!)).toEqual(['crm.category.add', { entityTypeId: 2, fields: { name: 'Продажи ППК Косино', sort: 500 } }])
  })

  it('then renames the default first, won and lost stages, adds the others and deletes the remaining defaults', () => {
    const after = apply(others, [], planKosinoPipeline(others, []))
    const steps = planKosinoPipeline(after.categories, after.stages)
    expect(steps.filter((step) => step.kind === 'stage-rename').map((step) => [step.kind === 'stage-rename' && step.from, step.kind === 'stage-rename' && step.spec.name])).toEqual([
      ['Новая', 'Согласование условий сотрудничества'],
      ['Сделка успешна', 'Сделка заключена'],
      ['Сделка провалена', 'Не согласовано'],
    ])
    expect(steps.filter((step) => step.kind === 'stage-add').map((step) => step.kind === 'stage-add' && step.spec.name)).toEqual([
      'Подписание LOI',
      'Согласование договора',
      'Подписание договора',
      'Обеспечительный платёж',
      'Акт приёма-передачи',
      'Не подписано',
    ])
    expect(steps.filter((step) => step.kind === 'stage-delete').map((step) => step.kind === 'stage-delete' && step.name)).toEqual([
      'Подготовка документов',
      'Счёт на предоплату',
      'В работе',
      'Финальный счёт',
      'Анализ причины провала',
    ])
    const add = steps.find((step) => step.kind === 'stage-add' && step.spec.code === 'NOT_SIGNED')!
    expect(pipelineStepCommand(add)).toEqual([
      'crm.status.add',
      { fields: { ENTITY_ID: 'DEAL_STAGE_7', STATUS_ID: 'C7:NOT_SIGNED', NAME: 'Не подписано', SORT: 90, SEMANTICS: 'F' } },
    ])

    const done = apply(after.categories, after.stages, steps)
    expect(done.stages.map((row) => row.NAME).sort()).toEqual(KOSINO_PIPELINE_STAGES.map((spec) => spec.name).sort())
    // Planned again (a re-run, another admin's install): nothing, and never a second pipeline.
    expect(planKosinoPipeline(done.categories, done.stages)).toEqual([])
  })

  it('after a crash half-way only finishes the pipeline it finds by name', () => {
    const after = apply(others, [], planKosinoPipeline(others, []))
    const steps = planKosinoPipeline(after.categories, after.stages)
    const half = apply(after.categories, after.stages, steps.slice(0, 4))
    const rest = planKosinoPipeline(half.categories, half.stages)
    expect(rest.some((step) => step.kind === 'pipeline')).toBe(false)
    expect(rest).toEqual(steps.slice(4))
  })

  it('leaves alone a Kosino pipeline an admin made: its stages renamed by hand are kept, only missing ones added', () => {
    const mine: CategoryRow[] = [...others, { id: 9, name: 'продажи ппк косино ' }]
    const stages: StageRow[] = [
      { ID: 1, STATUS_ID: 'C9:NEW', NAME: 'Согласование условий сотрудничества' },
      { ID: 2, STATUS_ID: 'C9:PREPARATION', NAME: 'Подписание LOI' },
      { ID: 3, STATUS_ID: 'C9:EXECUTING', NAME: 'Переговоры' },
      { ID: 4, STATUS_ID: 'C9:WON', NAME: 'Сделка заключена' },
      { ID: 5, STATUS_ID: 'C9:LOSE', NAME: 'Отказ' },
    ]
    const steps = planKosinoPipeline(mine, stages)
    expect(steps.every((step) => step.kind === 'stage-add')).toBe(true)
    expect(steps.map((step) => step.kind === 'stage-add' && step.spec.name)).toEqual([
      'Согласование договора',
      'Подписание договора',
      'Обеспечительный платёж',
      'Акт приёма-передачи',
      'Не согласовано',
      'Не подписано',
    ])
  })
})
