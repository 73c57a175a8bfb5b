// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DAY, HOUR, NBSP, at, created, evaluate, keyOf, step, task } from './helpers'

const REASON_RU = `Оплачено 60${NBSP}000 из 100${NBSP}000 ₽ — нужен окончательный расчет`
const REASON_EN = 'Paid 60,000 of 100,000 ₽ — final payment needed'

describe('§8 Комплектация — Товары', () => {
  const stage = 'Комплектация'
  const assemble = (closedAfter: number) => task(keyOf('Товары', 'picking', 'assemble'), 'Укомплектовать заказ по сделке', { closedAfter })

  it('underpaid → «Получить окончательный расчет», blocked with the amounts; debt = amount − paid', () => {
    const result = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: 6_000_000 } })
    expect(created(result, 'final-payment')).toMatchObject({ title: 'Получить окончательный расчет', deadline: at(3 * DAY) })
    expect(created(result, 'final-payment')?.description).toContain('Задачу нельзя закрыть, пока не выполнено: сумма оплаты ≥ сумма сделки')
    expect(step(result, 'final-payment')).toMatchObject({ state: 'blocked', blockedReason: { ru: REASON_RU, en: REASON_EN } })
    expect(result.blockers).toEqual([{ stepId: 'final-payment', kind: 'check', text: { ru: REASON_RU, en: REASON_EN } }])
    expect(result.money).toMatchObject({ amountMinor: 10_000_000, paidMinor: 6_000_000, debtMinor: 4_000_000 })
    expect(result.money.text.ru).toBe(`Долг: 40${NBSP}000${NBSP}₽`)
    expect(step(result, 'assemble')).toMatchObject({ state: 'waiting', waitingOn: { kind: 'condition' } })
  })

  it('reads a paid amount given as a money value «60000.50|RUB»', () => {
    const result = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: '60000.50|RUB' } })
    expect(result.money.debtMinor).toBe(3_999_950)
    expect(step(result, 'final-payment').blockedReason?.ru).toBe(`Оплачено 60${NBSP}000,50 из 100${NBSP}000 ₽ — нужен окончательный расчет`)
  })

  it('a payment task closed before the money came is still blocked, and flagged closed too early', () => {
    const closed = task(keyOf('Товары', 'picking', 'final-payment'), 'Получить окончательный расчет', { closedAfter: HOUR })
    const result = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: 6_000_000 }, tasks: [closed], after: 2 * HOUR })
    expect(step(result, 'final-payment')).toMatchObject({ state: 'blocked', closedTooEarly: true })
    expect(step(result, 'assemble').state).toBe('waiting')
  })

  it('paid in full → no payment task; «Укомплектовать заказ по сделке» is to do', () => {
    const result = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: 10_000_000 } })
    expect(step(result, 'final-payment').state).toBe('skipped')
    expect(result.tasksToCreate.map((t) => t.title)).toEqual(['Укомплектовать заказ по сделке'])
    expect(result.blockers).toEqual([])
  })

  it('an open payment task becomes closable once the payment equals the amount', () => {
    const open = task(keyOf('Товары', 'picking', 'final-payment'), 'Получить окончательный расчет', { deadlineAfter: 3 * DAY })
    const result = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: 10_000_000 }, tasks: [open] })
    expect(step(result, 'final-payment')).toMatchObject({ state: 'todo', taskId: open.id, deadline: at(3 * DAY) })
  })

  it('pickup and goods reserved after the order is assembled → e-mail to the client, then every 14 days', () => {
    const fields = { paidAmount: 10_000_000, deliveryCondition: 'pickup', productReserved: true }
    const first = evaluate({ pipeline: 'Товары', stage, fields, tasks: [assemble(DAY)], after: DAY + HOUR })
    expect(first.notificationsDue).toEqual([
      expect.objectContaining({ stepId: 'ready-email', channels: ['email'], toClient: true, userIds: [], index: 0, key: keyOf('Товары', 'picking', 'ready-email', 0), message: 'Товар по вашему заказу готов к отгрузке (самовывоз)' }),
    ])
    const sent = [keyOf('Товары', 'picking', 'ready-email', 0)]
    const between = evaluate({ pipeline: 'Товары', stage, fields, tasks: [assemble(DAY)], after: 10 * DAY, performed: sent })
    expect(between.notificationsDue).toEqual([])
    expect(step(between, 'ready-email')).toMatchObject({ state: 'waiting', nextAt: at(15 * DAY) })
    const second = evaluate({ pipeline: 'Товары', stage, fields, tasks: [assemble(DAY)], after: 16 * DAY, performed: sent })
    expect(second.notificationsDue.map((n) => [n.index, n.key, n.dueAt])).toEqual([[1, keyOf('Товары', 'picking', 'ready-email', 1), at(15 * DAY)]])
    const third = evaluate({ pipeline: 'Товары', stage, fields, tasks: [assemble(DAY)], after: 30 * DAY, performed: sent })
    expect(third.notificationsDue.map((n) => n.index)).toEqual([2])
  })

  it('waits for «Товар полностью зарезервирован»; sends nothing when it is not pickup', () => {
    const notReserved = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: 10_000_000, deliveryCondition: 'pickup', productReserved: false }, tasks: [assemble(DAY)], after: 2 * DAY })
    expect(step(notReserved, 'ready-email')).toMatchObject({ state: 'waiting', waitingOn: { kind: 'condition' } })
    expect(step(notReserved, 'ready-email').explanation?.ru).toBe('Ждёт, пока «Товар полностью зарезервирован» = да')
    const carrier = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: 10_000_000, deliveryCondition: 'carrier', productReserved: true }, tasks: [assemble(DAY)], after: 2 * DAY })
    expect(step(carrier, 'ready-email').state).toBe('skipped')
    expect(carrier.notificationsDue).toEqual([])
  })
})

describe('§8 Отгрузка — Товары', () => {
  const stage = 'Отгрузка'
  const ship = (closedAfter: number) => task(keyOf('Товары', 'shipping', 'ship'), 'Организовать отгрузку', { closedAfter })

  it('checks the payment once more: underpaid → payment task first, shipping waits for it', () => {
    const result = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: 6_000_000 } })
    expect(step(result, 'final-payment').blockedReason?.ru).toBe(REASON_RU)
    expect(step(result, 'ship')).toMatchObject({ state: 'waiting', waitingOn: { kind: 'steps', stepIds: ['final-payment'] } })
    expect(result.tasksToCreate.map((t) => t.title)).toEqual(['Получить окончательный расчет'])
  })

  it('paid → «Организовать отгрузку»; after it a track number goes to the client, and a receipt check unless pickup', () => {
    const paid = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: 10_000_000 } })
    expect(created(paid, 'ship')).toMatchObject({ title: 'Организовать отгрузку', deadline: at(2 * DAY) })
    const fields = { paidAmount: 10_000_000, trackNumber: '1234567890', deliveryCondition: 'carrier' }
    const shipped = evaluate({ pipeline: 'Товары', stage, fields, tasks: [ship(DAY)], after: DAY + HOUR })
    expect(shipped.notificationsDue).toEqual([expect.objectContaining({ stepId: 'track-email', toClient: true, channels: ['email'], message: 'Ваш заказ отправлен. Трек-номер: 1234567890' })])
    expect(created(shipped, 'confirm-receipt')).toMatchObject({ title: 'Получить подтверждение, что товар получен', deadline: at(6 * DAY) })
  })

  it('no track number → no letter; pickup → no receipt check', () => {
    const result = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: 10_000_000, deliveryCondition: 'pickup' }, tasks: [ship(DAY)], after: 2 * DAY })
    expect(step(result, 'track-email').state).toBe('skipped')
    expect(step(result, 'confirm-receipt').state).toBe('skipped')
    expect(result.notificationsDue).toEqual([])
    expect(result.tasksToCreate).toEqual([])
  })
})

describe('§9 Подведение итогов — Товары', () => {
  const stage = 'Подведение итогов'

  it('not pickup → «Получить сканы закрывающих документов», reminder after 1 day', () => {
    const result = evaluate({ pipeline: 'Товары', stage, fields: { deliveryCondition: 'carrier' }, after: DAY + HOUR })
    expect(created(result, 'get-scans')).toMatchObject({ deadline: at(DAY) })
    expect(step(result, 'get-scans')).toMatchObject({ state: 'overdue', overdueBy: { ru: '1 ч', en: '1 h' } })
    expect(result.notificationsDue.map((n) => [n.stepId, n.userIds, n.dueAt])).toEqual([['get-scans-reminder', [3], at(DAY)]])
  })

  it('after the scans → «Заполнить плановую дату получения оригиналов документов», not closable without the date', () => {
    const scans = task(keyOf('Товары', 'closing', 'get-scans'), 'Получить сканы закрывающих документов', { closedAfter: 5 * HOUR })
    const empty = evaluate({ pipeline: 'Товары', stage, fields: { deliveryCondition: 'carrier' }, tasks: [scans], after: 6 * HOUR })
    expect(created(empty, 'fill-originals-date')?.deadline).toBe(at(5 * HOUR + DAY))
    expect(step(empty, 'fill-originals-date').blockedReason?.ru).toBe('Заполните плановую дату получения оригиналов документов')
    expect(step(empty, 'get-scans-reminder').state).toBe('skipped')
    const filledDate = evaluate({ pipeline: 'Товары', stage, fields: { deliveryCondition: 'carrier', originalsPlannedDate: at(20 * DAY) }, tasks: [scans], after: 6 * HOUR })
    expect(step(filledDate, 'fill-originals-date').state).toBe('todo')
  })

  it('pickup → nothing to collect', () => {
    const result = evaluate({ pipeline: 'Товары', stage, fields: { deliveryCondition: 'pickup' }, after: 2 * DAY })
    expect(result.steps.map((s) => s.state)).toEqual(['skipped', 'skipped', 'skipped'])
    expect(result.tasksToCreate).toEqual([])
  })

  it('waits for «Условие доставки» when it is empty', () => {
    const result = evaluate({ pipeline: 'Товары', stage })
    expect(step(result, 'get-scans').waitingOn).toEqual({ kind: 'fields', fields: ['deliveryCondition'] })
    expect(result.blockers.map((b) => b.text.ru)).toContain('Заполните поле «Условие доставки»')
  })
})

describe('§9 Сделка успешна — Товары', () => {
  const stage = 'Сделка успешна'

  it('no originals → «Получить оригиналы документов» due on the planned date, reminder on that date', () => {
    const planned = at(10 * DAY)
    const result = evaluate({ pipeline: 'Товары', stage, fields: { originalsPlannedDate: planned } })
    expect(created(result, 'get-originals')).toMatchObject({ title: 'Получить оригиналы документов', deadline: planned })
    expect(step(result, 'originals-reminder').waitingOn).toEqual({ kind: 'time', until: planned })
    const late = evaluate({ pipeline: 'Товары', stage, fields: { originalsPlannedDate: planned }, after: 11 * DAY })
    expect(late.notificationsDue.map((n) => n.stepId)).toEqual(['originals-reminder'])
    expect(result.nextStage).toBeNull()
  })

  it('originals received → nothing to do; no planned date → 14 days by default', () => {
    const received = evaluate({ pipeline: 'Товары', stage, fields: { originalsReceived: true } })
    expect(received.tasksToCreate).toEqual([])
    expect(step(received, 'get-originals').state).toBe('skipped')
    const noDate = evaluate({ pipeline: 'Товары', stage, fields: { originalsReceived: 'N' } })
    expect(created(noDate, 'get-originals')?.deadline).toBe(at(14 * DAY))
  })
})

describe('stage matching', () => {
  it('matches names regardless of case and spacing, and says when a stage is not in the playbook', () => {
    expect(evaluate({ pipeline: 'Товары', stage: '  счет/кп ' }).stage?.key).toBe('quote')
    const unknown = evaluate({ pipeline: 'Товары', stage: 'Переговоры' })
    expect(unknown.matched).toBe(false)
    expect(unknown.problem?.ru).toBe('В плейбуке направления «Товары» нет стадии «Переговоры»')
    expect(unknown.tasksToCreate).toEqual([])
  })

  it('«Не обработан» has nothing to do; «Сделка провалена» neither, and no next stage', () => {
    const fresh = evaluate({ pipeline: 'Товары', stage: 'Не обработан' })
    expect(fresh.steps).toEqual([])
    expect(fresh.nextStage?.name).toBe('Экспресс-идентификация')
    const lost = evaluate({ pipeline: 'Товары', stage: 'Сделка провалена' })
    expect(lost.steps).toEqual([])
    expect(lost.nextStage).toBeNull()
  })
})
