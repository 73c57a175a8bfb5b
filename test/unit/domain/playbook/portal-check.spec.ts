// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { GOODS_STAGES, KOSINO_PIPELINE_NAME, SERVICES_STAGES } from '../../../../sandbox/demo/crm'
import { PLAYBOOK_FIELDS } from '@/domain/fields/playbook'
import { DEFAULT_PLAYBOOK, parsePlaybook } from '@/domain/playbook'
import type { Playbook } from '@/domain/playbook'
import { checkPlaybook, checkPlaybookOnPortal, nearestName, stagesMissingOnPortal } from '@/domain/playbook/portal-check'
import type { PortalCatalog } from '@/domain/playbook/portal-check'

// Issue 16: a playbook naming a pipeline, stage or field the portal does not have is refused
// (a typo used to pass and silently drop that stage's rules), with the path, the unknown name
// and the nearest existing one, in ru and en.

const clone = (): Playbook => structuredClone(DEFAULT_PLAYBOOK)

/** The demo portal as crm.category.list / crm.status.list / crm.deal.fields give it. */
function portal(): PortalCatalog {
  const kosino = DEFAULT_PLAYBOOK.pipelines.find((p) => p.name === KOSINO_PIPELINE_NAME)!
  return {
    pipelines: [
      { name: 'Общая', stages: ['Новая', 'Сделка успешна', 'Сделка провалена'] },
      { name: 'Товары', stages: GOODS_STAGES.map((s) => s.name) },
      { name: 'Услуги', stages: SERVICES_STAGES.map((s) => s.name) },
      { name: KOSINO_PIPELINE_NAME, stages: kosino.stages.map((s) => s.name) },
    ],
    dealFields: ['ID', 'TITLE', 'STAGE_ID', ...Object.values(PLAYBOOK_FIELDS).map((f) => f.fieldName)],
  }
}

describe('checkPlaybookOnPortal (issue 16)', () => {
  it('accepts the default playbook on the demo portal', () => {
    expect(checkPlaybookOnPortal(DEFAULT_PLAYBOOK, portal())).toEqual([])
  })

  it('refuses a stage name with a typo, naming the path, the name and the nearest stage', () => {
    const playbook = clone()
    playbook.pipelines[0]!.stages[1]!.name = 'Экспрес-идентификация'
    const errors = checkPlaybookOnPortal(playbook, portal())
    expect(errors).toHaveLength(1)
    expect(errors[0]!.path).toBe('pipelines[0].stages[1].name')
    expect(errors[0]!.text.ru).toBe(
      'pipelines[0].stages[1].name: В направлении «Товары» на портале нет стадии «Экспрес-идентификация». Ближайшая: «Экспресс-идентификация»',
    )
    expect(errors[0]!.text.en).toBe(
      'pipelines[0].stages[1].name: The pipeline «Товары» on the portal has no stage «Экспрес-идентификация». The nearest: «Экспресс-идентификация»',
    )
  })

  it('matches names as the tab does: case, spacing and ё do not matter', () => {
    const playbook = clone()
    playbook.pipelines[0]!.stages[1]!.name = '  экспресс-идентификация '
    playbook.pipelines[1]!.name = 'УСЛУГИ'
    expect(checkPlaybookOnPortal(playbook, portal())).toEqual([])
  })

  it('refuses a pipeline the portal does not have, with the nearest one, and does not check its stages', () => {
    const playbook = clone()
    playbook.pipelines[1]!.name = 'Услуга'
    const errors = checkPlaybookOnPortal(playbook, portal())
    expect(errors.map((e) => e.path)).toEqual(['pipelines[1].name'])
    expect(errors[0]!.message.ru).toBe('На портале нет направления сделок «Услуга». Ближайшее: «Услуги»')
    expect(errors[0]!.message.en).toBe('The portal has no deal pipeline «Услуга». The nearest: «Услуги»')
  })

  it('refuses a deal field the portal does not have, at every place the playbook uses it', () => {
    const without = portal()
    const paid = PLAYBOOK_FIELDS.paidAmount.fieldName
    const complexity = PLAYBOOK_FIELDS.complexity.fieldName
    const errors = checkPlaybookOnPortal(DEFAULT_PLAYBOOK, { ...without, dealFields: without.dealFields.filter((f) => f !== paid && f !== complexity) })
    expect(errors.length).toBeGreaterThan(1)
    for (const error of errors) {
      expect(error.message.ru).toMatch(/^На портале нет поля сделки «(Сумма оплаты|Сложность случая)» \(UF_CRM_LMS_(PAID_AMOUNT|COMPLEXITY)\)/)
      expect(error.message.en).toMatch(/^The portal has no deal field «(Paid amount|Case complexity)» \(UF_CRM_LMS_(PAID_AMOUNT|COMPLEXITY)\)/)
    }
    // A key field of the Kosino deposit stage and a deadline by complexity, for instance.
    expect(errors.some((e) => /\.keyFields\[\d+\]$/.test(e.path))).toBe(true)
    expect(errors.some((e) => /\.deadline$/.test(e.path))).toBe(true)
  })
})

describe('checkPlaybook: the schema and the portal together', () => {
  it('tells a stage name missing on the portal even when the schema refuses the playbook for it (a move names the old name)', () => {
    const playbook = clone()
    const goods = playbook.pipelines[0]!
    const target = goods.stages.findIndex((stage) => goods.stages.some((s) => s.steps.some((step) => step.kind === 'moveStage' && step.to === stage.name)))
    expect(target).toBeGreaterThanOrEqual(0)
    const name = goods.stages[target]!.name
    goods.stages[target]!.name = `${name}ь`
    const result = checkPlaybook(JSON.stringify(playbook), portal())
    if (result.ok) throw new Error('expected a refusal')
    expect(result.errors[0]!.text.ru).toBe(`pipelines[0].stages[${target}].name: В направлении «Товары» на портале нет стадии «${name}ь». Ближайшая: «${name}»`)
    expect(result.errors.some((e) => e.message.en === `No stage «${name}»`)).toBe(true)
  })

  it('accepts the default playbook, refuses text that is not JSON with the parse error', () => {
    expect(checkPlaybook(JSON.stringify(DEFAULT_PLAYBOOK), portal()).ok).toBe(true)
    const broken = checkPlaybook('{', portal())
    expect(broken.ok ? [] : broken.errors.map((e) => e.path)).toEqual(['(root)'])
  })
})

describe('parsePlaybook suggests the nearest allowed value', () => {
  it('for a field key with a typo', () => {
    const playbook = clone() as unknown as { pipelines: { stages: { keyFields?: string[] }[] }[] }
    const stage = playbook.pipelines[0]!.stages.find((s) => s.keyFields && s.keyFields.length > 0)!
    stage.keyFields![0] = 'paidAmout'
    const result = parsePlaybook(playbook)
    if (result.ok) throw new Error('expected a refusal')
    const error = result.errors.find((e) => e.path.endsWith('keyFields[0]'))!
    expect(error.message.ru).toContain('Ближайшее: «paidAmount»')
    expect(error.message.en).toContain('The nearest: «paidAmount»')
  })
})

describe('stagesMissingOnPortal: what the tab tells for the deal’s pipeline', () => {
  it('names the playbook’s stages the pipeline lacks, with the nearest; other pipelines are not its business', () => {
    const playbook = clone()
    playbook.pipelines[0]!.stages[2]!.name = 'Счёт/КП' // ё matches е: not a typo
    playbook.pipelines[0]!.stages[5]!.name = 'Отгрузкаа'
    playbook.pipelines[1]!.stages[1]!.name = 'Первичная идентификацыя'
    const goods = portal().pipelines.find((p) => p.name === 'Товары')!
    const missing = stagesMissingOnPortal(playbook, goods)
    expect(missing.map((e) => e.message.en)).toEqual(['The pipeline «Товары» on the portal has no stage «Отгрузкаа». The nearest: «Отгрузка»'])
    expect(stagesMissingOnPortal(playbook, { name: 'Товары', stages: [] })).toEqual([])
    expect(stagesMissingOnPortal(playbook, { name: 'Общая', stages: ['Новая'] })).toEqual([])
  })
})

describe('nearestName', () => {
  it('picks the closest by edits, ignoring case', () => {
    expect(nearestName('Догвор', ['Счет/КП', 'Договор', 'Отгрузка'])).toBe('Договор')
    expect(nearestName('x', [])).toBeNull()
  })
})
