// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { GOODS_STAGES } from '../../../../sandbox/demo/crm'
import { DEFAULT_PLAYBOOK, parsePlaybook } from '@/domain/playbook'
import type { Playbook } from '@/domain/playbook'
import {
  conditionFor,
  delayParts,
  describeCondition,
  describeTimeRule,
  ensureStage,
  newNotifyStep,
  newTaskStep,
  opsFor,
  stepPath,
  toAfterRule,
} from '@/domain/playbook/form'

// Issue 16: the settings form edits a copy of the playbook through these helpers; what it builds
// is a playbook the schema accepts, and what it does not edit is kept as it was.

const goods = { name: 'Товары', stages: GOODS_STAGES.map((s) => s.name) }
const clone = (): Playbook => structuredClone(DEFAULT_PLAYBOOK)

describe('the playbook form helpers', () => {
  it('finds the stage the playbook has, matched by name as the tab matches it', () => {
    const playbook = clone()
    const stage = ensureStage(playbook, goods, 'счет/кп')
    expect(stage.key).toBe('quote')
    expect(playbook).toEqual(DEFAULT_PLAYBOOK)
  })

  it('adds a missing stage where the portal has it, and a missing pipeline', () => {
    const playbook = clone()
    const goodsStages = playbook.pipelines[0]!.stages
    goodsStages.splice(2, 1) // «Счет/КП» gone
    const stage = ensureStage(playbook, goods, 'Счет/КП')
    expect(playbook.pipelines[0]!.stages.map((s) => s.name).indexOf('Счет/КП')).toBe(2)
    expect(stage.steps).toEqual([])

    const fresh: Playbook = { version: 1, pipelines: [] }
    ensureStage(fresh, goods, 'Отгрузка')
    ensureStage(fresh, goods, 'Договор')
    ensureStage(fresh, goods, 'Не обработан')
    expect(fresh.pipelines).toHaveLength(1)
    expect(fresh.pipelines[0]!.name).toBe('Товары')
    expect(fresh.pipelines[0]!.stages.map((s) => s.name)).toEqual(['Не обработан', 'Договор', 'Отгрузка'])
    expect(new Set(fresh.pipelines[0]!.stages.map((s) => s.key)).size).toBe(3)
  })

  it('a new task with a title makes a playbook the schema accepts; without one it is refused at its title', () => {
    const playbook = clone()
    const stage = ensureStage(playbook, goods, 'Договор')
    const task = newTaskStep(stage)
    stage.steps.push(task)
    const index = stage.steps.length - 1
    const refused = parsePlaybook(playbook)
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(new Set(refused.errors.map((e) => e.path))).toEqual(new Set([`${stepPath(playbook, stage, index)}.title`]))
    if (task.kind === 'task') task.title = 'Позвонить клиенту'
    expect(parsePlaybook(playbook).ok).toBe(true)
    expect(new Set(stage.steps.map((s) => s.id)).size).toBe(stage.steps.length)
    const notify = newNotifyStep(stage)
    if (notify.kind === 'notify') notify.message = 'Проверьте договор'
    stage.steps.push(notify)
    expect(parsePlaybook(playbook).ok).toBe(true)
  })

  it('reads and writes a plain delay in days and hours; other deadlines are not the form’s', () => {
    expect(delayParts({ kind: 'after', days: 2, hours: 3 })).toEqual({ days: 2, hours: 3 })
    expect(delayParts({ kind: 'after', minutes: 30 })).toEqual({ days: 0, hours: 0.5 })
    expect(delayParts({ kind: 'after', days: 1, from: 'stageEntered' })).toBeNull()
    expect(delayParts({ kind: 'byEmergency', yes: { kind: 'after', hours: 2 }, no: { kind: 'after', days: 1 } })).toBeNull()
    expect(toAfterRule({ days: 3, hours: 0 })).toEqual({ kind: 'after', days: 3 })
    expect(toAfterRule({ days: 0, hours: 0 })).toEqual({ kind: 'after', hours: 0 })
    expect(toAfterRule({ days: 1, hours: 4 })).toEqual({ kind: 'after', days: 1, hours: 4 })
  })

  it('offers the operations that fit the field, and a value where one is needed', () => {
    expect(opsFor('emergency')).toContain('isTrue')
    expect(opsFor('contractNeeded')).toContain('isTrue')
    expect(opsFor('deliveryCondition')).toEqual(['eq', 'neq', 'filled', 'empty'])
    expect(opsFor('readinessDate')).toContain('future')
    expect(conditionFor('deliveryCondition')).toEqual({ type: 'field', field: 'deliveryCondition', op: 'eq', value: 'pickup' })
    expect(conditionFor('trackNumber', 'isTrue')).toEqual({ type: 'field', field: 'trackNumber', op: 'filled' })
  })

  it('says conditions and deadlines in words, in ru and en', () => {
    expect(describeCondition({ type: 'field', field: 'deliveryCondition', op: 'neq', value: 'pickup' }, 'ru')).toBe('«Условие доставки» ≠ «Самовывоз»')
    expect(describeCondition({ type: 'all', of: [{ type: 'field', field: 'emergency', op: 'isTrue' }, { type: 'money', left: 'paid', op: 'lt', right: 'amount' }] }, 'en')).toBe(
      '«Emergency» is yes and paid < deal amount',
    )
    expect(describeTimeRule({ kind: 'after', days: 2 }, 'ru')).toBe('через 2 дн.')
    expect(describeTimeRule({ kind: 'byEmergency', yes: { kind: 'after', hours: 2 }, no: { kind: 'after', days: 1 } }, 'en')).toBe('emergency: after 2 h; otherwise: after 1 d')
  })
})
