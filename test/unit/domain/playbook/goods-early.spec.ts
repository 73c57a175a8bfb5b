// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DAY, HOUR, at, created, evaluate, keyOf, step, task } from './helpers'

describe('§5 Экспресс-идентификация — Товары', () => {
  const stage = 'Экспресс-идентификация'

  it('makes whoever moved the deal off «Не обработан» responsible, and gives him the task', () => {
    const result = evaluate({ pipeline: 'Товары', stage, movedById: 4 })
    expect(result.autoActions).toEqual([
      { type: 'setResponsible', key: keyOf('Товары', 'express-id', 'assign-mover'), stepId: 'assign-mover', userId: 4 },
    ])
    expect(result.responsibleId).toBe(4)
    expect(created(result, 'express-id')).toMatchObject({
      title: 'Выполнить Экспресс-идентификацию',
      responsibleId: 4,
      auditorIds: [2],
      deadline: at(5 * HOUR),
      key: keyOf('Товары', 'express-id', 'express-id'),
    })
    expect(result.needsHead).toBe(true)
  })

  it('does not reassign once done or when the mover is already responsible', () => {
    const performed = [keyOf('Товары', 'express-id', 'assign-mover')]
    expect(evaluate({ pipeline: 'Товары', stage, movedById: 4, performed }).autoActions).toEqual([])
    const same = evaluate({ pipeline: 'Товары', stage, movedById: 3 })
    expect(same.autoActions).toEqual([])
    expect(step(same, 'assign-mover').state).toBe('done')
  })

  it('after 5 hours tells the responsible, his head and the product manager, and shows the task overdue', () => {
    const result = evaluate({ pipeline: 'Товары', stage, after: 6 * HOUR })
    expect(result.notificationsDue).toEqual([
      {
        key: keyOf('Товары', 'express-id', 'express-id-reminder'),
        stepId: 'express-id-reminder',
        channels: ['notify'],
        userIds: [3, 2, 5],
        toClient: false,
        message: 'Прошло 5 часов, а экспресс-идентификация по сделке #42 не выполнена',
        index: 0,
        dueAt: at(5 * HOUR),
      },
    ])
    const view = step(result, 'express-id')
    expect(view.state).toBe('overdue')
    expect(view.overdueByMs).toBe(HOUR)
    expect(view.overdueBy).toEqual({ ru: '1 ч', en: '1 h' })
    expect(result.overdue).toEqual([{ stepId: 'express-id', byMs: HOUR, text: { ru: '1 ч', en: '1 h' } }])
  })

  it('waits for the 5 hours, and drops the reminder when the task closed in time', () => {
    const waiting = evaluate({ pipeline: 'Товары', stage, after: 2 * HOUR })
    expect(step(waiting, 'express-id-reminder')).toMatchObject({ state: 'waiting', waitingOn: { kind: 'time', until: at(5 * HOUR) } })
    const done = task(keyOf('Товары', 'express-id', 'express-id'), 'Выполнить Экспресс-идентификацию', { closedAfter: 4 * HOUR })
    const result = evaluate({ pipeline: 'Товары', stage, after: 6 * HOUR, tasks: [done] })
    expect(step(result, 'express-id').state).toBe('done')
    expect(step(result, 'express-id-reminder').state).toBe('skipped')
    expect(result.notificationsDue).toEqual([])
    expect(result.tasksToCreate).toEqual([])
  })

  it('says which people it could not resolve', () => {
    const result = evaluate({ pipeline: 'Товары', stage, after: 6 * HOUR, people: { productManagerId: 5 } })
    expect(result.missingPeople).toEqual(['head'])
    expect(created(result, 'express-id')?.auditorIds).toEqual([])
    expect(result.notificationsDue[0]?.userIds).toEqual([3, 5])
  })
})

describe('§6 Счет/КП — Товары', () => {
  const stage = 'Счет/КП'
  const kp = (closedAfter?: number) =>
    task(keyOf('Товары', 'quote', 'send-kp'), 'Сформировать и отправить КП', closedAfter === undefined ? {} : { closedAfter })
  const feedback = (closedAfter?: number) =>
    task(keyOf('Товары', 'quote', 'kp-feedback'), 'Получить обратную связь по КП', closedAfter === undefined ? {} : { closedAfter })

  it.each([
    ['simple', DAY],
    ['complex', 3 * DAY],
    ['very_complex', 5 * DAY],
  ])('dates «Сформировать и отправить КП» by complexity %s', (complexity, span) => {
    const result = evaluate({ pipeline: 'Товары', stage, fields: { complexity } })
    expect(created(result, 'send-kp')?.deadline).toBe(at(span))
    expect(step(result, 'send-kp-reminder').waitingOn).toEqual({ kind: 'time', until: at(span) })
  })

  it('waits for the complexity before it can date the task, and says so as a blocker', () => {
    const result = evaluate({ pipeline: 'Товары', stage })
    expect(step(result, 'send-kp')).toMatchObject({ state: 'waiting', waitingOn: { kind: 'fields', fields: ['complexity'] } })
    expect(created(result, 'send-kp')).toBeUndefined()
    expect(result.blockers).toContainEqual({ stepId: 'send-kp', kind: 'field', text: { ru: 'Заполните поле «Сложность случая»', en: 'Fill in «Case complexity»' } })
  })

  it('after the quote is sent, asks for feedback within 3 days and reminds after 3 days', () => {
    const fields = { complexity: 'simple' }
    const early = evaluate({ pipeline: 'Товары', stage, fields, tasks: [kp()] })
    expect(step(early, 'kp-feedback')).toMatchObject({ state: 'waiting', waitingOn: { kind: 'steps', stepIds: ['send-kp'] } })
    const result = evaluate({ pipeline: 'Товары', stage, fields, tasks: [kp(10 * HOUR)], after: 4 * DAY })
    expect(created(result, 'kp-feedback')).toMatchObject({ title: 'Получить обратную связь по КП', deadline: at(10 * HOUR + 3 * DAY) })
    expect(step(result, 'send-kp-reminder').state).toBe('skipped')
    expect(result.notificationsDue.map((n) => [n.stepId, n.dueAt])).toEqual([['kp-feedback-reminder', at(10 * HOUR + 3 * DAY)]])
  })

  it('12 hours on the stage after the feedback task closed → «Актуализировать дату получения обратной связи»', () => {
    const tasks = [kp(HOUR), feedback(DAY)]
    const fields = { complexity: 'simple' }
    const before = evaluate({ pipeline: 'Товары', stage, fields, tasks, after: DAY + 11 * HOUR })
    expect(step(before, 'actualize-kp-date')).toMatchObject({ state: 'waiting', waitingOn: { kind: 'time', until: at(DAY + 12 * HOUR) } })
    expect(created(before, 'actualize-kp-date')).toBeUndefined()
    const due = evaluate({ pipeline: 'Товары', stage, fields, tasks, after: DAY + 12 * HOUR })
    expect(created(due, 'actualize-kp-date')).toMatchObject({
      title: 'Актуализировать дату получения обратной связи',
      deadline: at(2 * DAY + 12 * HOUR),
    })
  })

  it('the actualised date must lie in the future before the task may close', () => {
    const tasks = [kp(HOUR), feedback(DAY)]
    const stale = evaluate({ pipeline: 'Товары', stage, fields: { complexity: 'simple', kpFeedbackDate: at(DAY) }, tasks, after: 2 * DAY })
    expect(step(stale, 'actualize-kp-date').state).toBe('blocked')
    expect(step(stale, 'actualize-kp-date').blockedReason?.ru).toBe('Укажите новую (будущую) дату получения обратной связи по КП')
    const fresh = evaluate({ pipeline: 'Товары', stage, fields: { complexity: 'simple', kpFeedbackDate: at(5 * DAY) }, tasks, after: 2 * DAY })
    expect(step(fresh, 'actualize-kp-date').state).toBe('todo')
  })

  it('a new feedback date → a new «Получить обратную связь по КП/счету» due on it; the old one is obsolete', () => {
    const firstDate = '2025-03-10T12:00:00.000Z'
    const first = evaluate({ pipeline: 'Товары', stage, fields: { complexity: 'simple', kpFeedbackDate: firstDate } })
    const firstTask = created(first, 'kp-feedback-new-date')
    expect(firstTask).toMatchObject({ title: 'Получить обратную связь по КП/счету', deadline: firstDate, key: keyOf('Товары', 'quote', 'kp-feedback-new-date', 0, '202503101200') })

    const existing = task(firstTask?.key ?? '', 'Получить обратную связь по КП/счету')
    const moved = evaluate({ pipeline: 'Товары', stage, fields: { complexity: 'simple', kpFeedbackDate: '2025-03-14T08:30:00.000Z' }, tasks: [existing] })
    expect(created(moved, 'kp-feedback-new-date')).toMatchObject({ deadline: '2025-03-14T08:30:00.000Z', key: keyOf('Товары', 'quote', 'kp-feedback-new-date', 0, '202503140830') })
    expect(moved.obsoleteTasks).toEqual([{ taskId: existing.id, key: firstTask?.key }])
  })

  it('gives the same keys on every evaluation and never asks twice for a task that exists', () => {
    const input = { pipeline: 'Товары' as const, stage, fields: { complexity: 'complex' } }
    const a = evaluate(input)
    const b = evaluate({ ...input, after: 2 * HOUR })
    expect(a.tasksToCreate.map((t) => t.key)).toEqual(b.tasksToCreate.map((t) => t.key))
    expect(a.tasksToCreate.map((t) => t.key)).toEqual([keyOf('Товары', 'quote', 'send-kp')])
    const withTask = evaluate({ ...input, tasks: [kp()] })
    expect(withTask.tasksToCreate).toEqual([])
    expect(step(withTask, 'send-kp')).toMatchObject({ state: 'todo', taskId: expect.any(Number) })
  })

  it('counts a task made by hand with the story title on this stage as the step, without a tag', () => {
    const byHand = { ...kp(), tag: null, createdAt: at(HOUR) }
    const result = evaluate({ pipeline: 'Товары', stage, fields: { complexity: 'simple' }, tasks: [byHand] })
    expect(result.tasksToCreate).toEqual([])
    expect(step(result, 'send-kp').taskId).toBe(byHand.id)
    const older = { ...kp(), tag: null, createdAt: at(-DAY) }
    expect(created(evaluate({ pipeline: 'Товары', stage, fields: { complexity: 'simple' }, tasks: [older] }), 'send-kp')).toBeDefined()
  })

  it('previews the next stage «Договор»', () => {
    expect(evaluate({ pipeline: 'Товары', stage }).nextStage).toEqual({
      key: 'contract',
      name: 'Договор',
      steps: [
        { id: 'skip-contract', kind: 'moveStage', title: 'Перевести сделку на стадию «Комплектация»' },
        { id: 'send-contract', kind: 'task', title: 'Сформировать и отправить Договор' },
      ],
    })
  })

  it('previews a notice of the next stage with this deal’s number, never the raw `{dealId}`', () => {
    const preview = evaluate({ pipeline: 'Товары', stage: 'Экспресс-идентификация' }).nextStage
    const titles = preview?.steps.map((s) => s.title) ?? []
    expect(titles).toContain('Истёк срок по задаче «Сформировать и отправить КП» (сделка #42)')
    expect(titles.join('\n')).not.toMatch(/\{\w+\}/)
  })
})

describe('§7 Договор — Товары', () => {
  const stage = 'Договор'
  const contract = (closedAfter: number) => task(keyOf('Товары', 'contract', 'send-contract'), 'Сформировать и отправить Договор', { closedAfter })

  it('no contract needed → the deal moves to «Комплектация» by itself, no contract task', () => {
    const result = evaluate({ pipeline: 'Товары', stage, fields: { contractNeeded: false } })
    expect(result.autoActions).toEqual([{ type: 'moveStage', key: keyOf('Товары', 'contract', 'skip-contract'), stepId: 'skip-contract', toStageName: 'Комплектация' }])
    expect(step(result, 'send-contract').state).toBe('skipped')
    expect(result.tasksToCreate).toEqual([])
    const moved = evaluate({ pipeline: 'Товары', stage, fields: { contractNeeded: false }, performed: [keyOf('Товары', 'contract', 'skip-contract')] })
    expect(moved.autoActions).toEqual([])
  })

  it('waits for «Нужен ли договор» before deciding', () => {
    const result = evaluate({ pipeline: 'Товары', stage })
    expect(step(result, 'skip-contract').waitingOn).toEqual({ kind: 'fields', fields: ['contractNeeded'] })
    expect(step(result, 'send-contract').waitingOn).toEqual({ kind: 'fields', fields: ['contractNeeded'] })
    expect(result.autoActions).toEqual([])
  })

  it('contract needed → «Сформировать и отправить Договор»; after it, a task to fill the feedback date, blocked until filled', () => {
    const first = evaluate({ pipeline: 'Товары', stage, fields: { contractNeeded: true } })
    expect(created(first, 'send-contract')).toMatchObject({ deadline: at(DAY), auditorIds: [2] })
    expect(step(first, 'skip-contract').state).toBe('skipped')

    const result = evaluate({ pipeline: 'Товары', stage, fields: { contractNeeded: true }, tasks: [contract(2 * HOUR)], after: 3 * HOUR })
    expect(created(result, 'fill-contract-date')?.title).toBe('Заполнить дату получения обратной связи по договору')
    expect(step(result, 'fill-contract-date')).toMatchObject({ state: 'blocked', blockedReason: { ru: 'Заполните дату получения обратной связи по договору', en: 'Fill in the contract feedback date' } })
    expect(step(result, 'contract-feedback').waitingOn).toEqual({ kind: 'fields', fields: ['contractFeedbackDate'] })
  })

  it('once the date is filled → «Получить обратную связь по договору» due on it, a reminder when it comes', () => {
    const date = at(4 * DAY)
    const fields = { contractNeeded: true, contractFeedbackDate: date }
    const result = evaluate({ pipeline: 'Товары', stage, fields, tasks: [contract(2 * HOUR)], after: 3 * HOUR })
    expect(step(result, 'fill-contract-date').state).toBe('skipped')
    expect(created(result, 'contract-feedback')).toMatchObject({ title: 'Получить обратную связь по договору', deadline: date })
    expect(step(result, 'contract-feedback-reminder').waitingOn).toEqual({ kind: 'time', until: date })
    const late = evaluate({ pipeline: 'Товары', stage, fields, tasks: [contract(2 * HOUR)], after: 5 * DAY })
    expect(step(late, 'contract-feedback')).toMatchObject({ state: 'overdue', overdueByMs: DAY })
    expect(late.notificationsDue.map((n) => [n.stepId, n.userIds])).toEqual([['contract-feedback-reminder', [3]]])
  })

  it('a changed date → a new task «Получить обратную связь по Договору» with the new deadline', () => {
    const oldKey = keyOf('Товары', 'contract', 'contract-feedback', 0, '202503070900')
    const old = task(oldKey, 'Получить обратную связь по договору')
    const result = evaluate({ pipeline: 'Товары', stage, fields: { contractNeeded: true, contractFeedbackDate: at(6 * DAY) }, tasks: [contract(HOUR), old], after: 2 * HOUR })
    expect(created(result, 'contract-feedback')).toMatchObject({ title: 'Получить обратную связь по Договору', deadline: at(6 * DAY), key: keyOf('Товары', 'contract', 'contract-feedback', 0, '202503090900') })
    expect(result.obsoleteTasks).toEqual([{ taskId: old.id, key: oldKey }])
  })
})
