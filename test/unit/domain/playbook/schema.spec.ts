// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DEFAULT_PLAYBOOK, parsePlaybook } from '@/domain/playbook'
import type { Playbook } from '@/domain/playbook'

// N7: a broken playbook is refused with a message that points at the problem, in ru and en.

const clone = (): Playbook => JSON.parse(JSON.stringify(DEFAULT_PLAYBOOK)) as Playbook
type Loose = Record<string, unknown> & { pipelines: { stages: { steps: Record<string, unknown>[] }[] }[] }
const loose = (): Loose => JSON.parse(JSON.stringify(DEFAULT_PLAYBOOK)) as Loose

function errorsOf(value: unknown) {
  const result = parsePlaybook(value)
  if (result.ok) throw new Error('expected the playbook to be refused')
  return result.errors
}

describe('parsePlaybook (N7)', () => {
  it('accepts the default playbook given as JSON text and as a value', () => {
    const fromText = parsePlaybook(JSON.stringify(DEFAULT_PLAYBOOK))
    expect(fromText.ok).toBe(true)
    if (fromText.ok) expect(fromText.playbook).toEqual(DEFAULT_PLAYBOOK)
    expect(parsePlaybook(clone()).ok).toBe(true)
  })

  it('refuses text that is not JSON', () => {
    const [error] = errorsOf('{"version": 1,')
    expect(error?.path).toBe('(root)')
    expect(error?.message.ru).toMatch(/^Это не JSON/)
    expect(error?.message.en).toMatch(/^Not JSON/)
  })

  it('points at a deadline given as text instead of a number', () => {
    const broken = loose()
    const stage = broken.pipelines[1]?.stages[4]
    const first = stage?.steps[0]
    if (!first) throw new Error('fixture')
    first.deadline = { kind: 'byEmergency', yes: { kind: 'after', hours: 'two' }, no: { kind: 'after', days: 1 } }
    const errors = errorsOf(broken)
    expect(errors).toHaveLength(1)
    expect(errors[0]?.path).toBe('pipelines[1].stages[4].steps[0].deadline.yes.hours')
    expect(errors[0]?.text.en).toBe('pipelines[1].stages[4].steps[0].deadline.yes.hours: Invalid input: expected number, received string')
    expect(errors[0]?.text.ru).toContain('ожидалось число')
  })

  it('names the expected values of an unknown step kind and an unknown field key', () => {
    const broken = loose()
    const steps = broken.pipelines[0]?.stages[2]?.steps
    if (!steps?.[0] || !steps[1]) throw new Error('fixture')
    steps[0].kind = 'email'
    steps[1].at = { kind: 'field', field: 'feedbackDay' }
    const errors = errorsOf(broken)
    expect(errors.map((e) => e.path)).toEqual(['pipelines[0].stages[2].steps[0].kind', 'pipelines[0].stages[2].steps[1].at.field'])
    expect(errors[0]?.message.en).toContain("'task' | 'notify' | 'moveStage' | 'assignResponsible'")
    expect(errors[0]?.message.ru).toBe("Неверное значение: ожидалось 'task' | 'notify' | 'moveStage' | 'assignResponsible'")
    expect(errors[1]?.message.en).toContain('"kpFeedbackDate"')
  })

  it('refuses an unknown property (a typo) rather than ignoring it', () => {
    const broken = loose()
    const first = broken.pipelines[0]?.stages[1]?.steps[1]
    if (!first) throw new Error('fixture')
    first.dedline = { kind: 'after', hours: 5 }
    const paths = errorsOf(broken).map((e) => e.path)
    expect(paths).toContain('pipelines[0].stages[1].steps[1]')
  })

  it('refuses a follow-up that refers to a step that is not above it', () => {
    const broken = clone()
    const step = broken.pipelines[0]?.stages[2]?.steps[2]
    if (!step) throw new Error('fixture')
    step.after = { steps: ['send-kp-typo'] }
    const [error] = errorsOf(broken)
    expect(error?.text.ru).toBe('pipelines[0].stages[2].steps[2].after.steps[0]: «send-kp-typo» — не шаг выше на этой стадии')
    expect(error?.text.en).toBe('pipelines[0].stages[2].steps[2].after.steps[0]: «send-kp-typo» is not an earlier step of this stage')
  })

  it('refuses a move to a stage the pipeline does not have', () => {
    const broken = clone()
    const move = broken.pipelines[0]?.stages[3]?.steps[0]
    if (move?.kind !== 'moveStage') throw new Error('fixture')
    move.to = 'Комплектовка'
    const [error] = errorsOf(broken)
    expect(error?.path).toBe('pipelines[0].stages[3].steps[0].to')
    expect(error?.message.ru).toBe('Нет стадии «Комплектовка»')
  })

  it('refuses duplicate stage names and step ids', () => {
    const broken = clone()
    const stages = broken.pipelines[1]?.stages
    if (!stages?.[2] || !stages[3]) throw new Error('fixture')
    stages[3].name = ' счет/кп '
    const steps = stages[2].steps
    if (!steps[1]) throw new Error('fixture')
    steps[1].id = 'send-kp'
    const paths = errorsOf(broken).map((e) => e.path)
    expect(paths).toContain('pipelines[1].stages[3].name')
    expect(paths).toContain('pipelines[1].stages[2].steps[1].id')
  })

  it('refuses a condition whose operation does not fit the field', () => {
    const broken = clone()
    const step = broken.pipelines[0]?.stages[3]?.steps[1]
    if (!step) throw new Error('fixture')
    step.when = { type: 'field', field: 'trackNumber', op: 'isTrue' }
    const after = broken.pipelines[0]?.stages[5]?.steps[2]
    if (!after) throw new Error('fixture')
    after.when = { type: 'field', field: 'deliveryCondition', op: 'neq', value: 'courier' }
    const errors = errorsOf(broken)
    expect(errors.map((e) => e.path)).toEqual([
      'pipelines[0].stages[3].steps[1].when.op',
      'pipelines[0].stages[5].steps[2].when.value',
    ])
    expect(errors[1]?.message.ru).toBe('Ожидался один из кодов: pickup, carrier, own_transport')
  })

  it('refuses a deadline taken from a field that is not a date, and a bad assignee', () => {
    const broken = clone()
    const step = broken.pipelines[1]?.stages[5]?.steps[0]
    if (step?.kind !== 'task') throw new Error('fixture')
    step.deadline = { kind: 'field', field: 'trackNumber' }
    step.responsible = 'boss'
    const errors = errorsOf(broken)
    expect(errors.map((e) => e.text.en)).toEqual(
      expect.arrayContaining([
        'pipelines[1].stages[5].steps[0].responsible: Expected responsible, head, productManager, role:<code> or user:<id>',
      ]),
    )
    expect(errors.map((e) => e.message.ru)).toContain('Ожидалось responsible, head, productManager, role:<код> или user:<id>')
  })

  it('refuses a duration with no unit and a wrong version', () => {
    const broken = loose()
    broken.version = 2
    const step = broken.pipelines[0]?.stages[2]?.steps[4]
    if (!step) throw new Error('fixture')
    step.after = { steps: ['kp-feedback'], delay: {} }
    const errors = errorsOf(broken)
    expect(errors.map((e) => e.path)).toEqual(['version', 'pipelines[0].stages[2].steps[4].after.delay'])
    expect(errors[1]?.message).toEqual({ ru: 'Укажите days, hours или minutes', en: 'Give days, hours or minutes' })
  })
})
