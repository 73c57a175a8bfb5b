// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { StepView } from '@/domain/playbook'
import { doNowSteps, fieldsToFill, overdueElsewhere, stepLines, timedAbove } from './step-lines'

const NOW = Date.parse('2026-03-10T09:00:00Z')
const view = (over: Partial<StepView>): StepView => ({ id: 'x', kind: 'task', title: 'Шаг', state: 'todo', automatic: false, ...over })

describe('«Что сделать сейчас» (issue 16)', () => {
  it('holds the person’s steps to do or overdue, not blocked, waiting or automatic ones', () => {
    const steps = [
      view({ id: 'todo' }),
      view({ id: 'late', state: 'overdue' }),
      view({ id: 'blocked', state: 'blocked', blockedReason: { ru: 'Оплачено 60 000 из 100 000 ₽', en: 'Paid 60,000 of 100,000 ₽' } }),
      view({ id: 'wait', state: 'waiting' }),
      view({ id: 'auto', kind: 'notify', automatic: true }),
    ]
    expect(doNowSteps(steps).map((s) => s.id)).toEqual(['todo', 'late'])
  })
})

describe('fields to fill now (issue 16)', () => {
  it('are the fields waiting steps need, each once, in step order', () => {
    const steps = [
      view({ id: 'move', state: 'waiting', waitingOn: { kind: 'fields', fields: ['contractNeeded'] } }),
      view({ id: 'send', state: 'waiting', waitingOn: { kind: 'fields', fields: ['contractNeeded', 'contractFeedbackDate'] } }),
      view({ id: 'after', state: 'waiting', waitingOn: { kind: 'steps', stepIds: ['send'] } }),
      view({ id: 'done', state: 'done' }),
    ]
    expect(fieldsToFill(steps)).toEqual(['contractNeeded', 'contractFeedbackDate'])
  })
})

describe('each step’s deadline told once on the screen (issue 16)', () => {
  const late = (stepId: string) => ({ stepId, byMs: 3_600_000, text: { ru: '1 ч', en: '1 h' } })
  const steps = [
    view({ id: 'late', state: 'overdue' }),
    view({ id: 'blocked-late', state: 'blocked' }),
    view({ id: 'blocked', state: 'blocked' }),
    view({ id: 'soon' }),
  ]
  const overdue = [late('late'), late('blocked-late')]

  it('«Просрочено» holds only the overdue steps «Что сделать сейчас» does not show', () => {
    expect(overdueElsewhere({ steps, overdue }).map((item) => item.stepId)).toEqual(['blocked-late'])
  })

  it('«Шаги стадии» gives the time only of steps told nowhere above', () => {
    expect([...timedAbove({ steps, overdue })].sort()).toEqual(['blocked-late', 'late', 'soon'])
  })
})

describe('the lines under a step', () => {
  it('tells an overdue step’s lateness only in the live timing line', () => {
    const step = view({ state: 'overdue', deadline: '2026-03-10T07:00:00Z', explanation: { ru: 'Просрочено на 2 ч', en: 'Overdue by 2 h' } })
    expect(stepLines(step, NOW, 'ru')).toEqual({ explanation: null, timing: { overdue: true, span: '2 ч' } })
    expect(stepLines(step, NOW + 3_600_000, 'en')).toEqual({ explanation: null, timing: { overdue: true, span: '3 h' } })
  })

  it('keeps the reason of a blocked step beside its deadline', () => {
    const step = view({ state: 'blocked', deadline: '2026-03-10T11:00:00Z', explanation: { ru: 'Оплачено 60 000 из 100 000 ₽', en: 'Paid 60,000 of 100,000 ₽' } })
    expect(stepLines(step, NOW, 'ru')).toEqual({ explanation: 'Оплачено 60 000 из 100 000 ₽', timing: { overdue: false, span: '2 ч' } })
  })

  it('counts no deadline for a done or skipped step', () => {
    expect(stepLines(view({ state: 'done', deadline: '2026-03-10T07:00:00Z' }), NOW, 'ru').timing).toBeNull()
    expect(stepLines(view({ state: 'skipped', explanation: { ru: 'Не нужно', en: 'Not needed' } }), NOW, 'en')).toEqual({ explanation: 'Not needed', timing: null })
  })
})
