import { describe, expect, it } from 'vitest'
import { ADMIN, DAY, HEAD, HOUR, MANAGER, MINUTE, OTHER_MANAGER, PRODUCT_MANAGER, lemusWalk } from './helpers/lemus-walk'
import { useRunnerHarness } from './helpers/runner-harness'

/*
 * Both LEMUS pipelines walked end to end with nobody's tab open (seed sections 4–9): people
 * move the deal, fill its fields and close their tasks through their own tokens; the runner
 * alone sets the tasks, reassigns, reminds, repeats, moves, renews tasks closed too early and
 * writes to the client. Time goes by through the portal's clock (each shift under 28 days, so
 * the runner's refresh token stays valid). docs/runner-rules.md maps each rule to its check here.
 */

const CLIENT_EMAIL = 'zakupki@podshipnik.example.ru'

describe('«Товары» from «Не обработан» to «Сделка успешна» by the runner alone', () => {
  const harness = useRunnerHarness()
  const walk = lemusWalk(harness, 'Товары')
  let dealId: number
  let entered: number

  it('the manager opens a deal for a client with an e-mail; the admin names the product manager', async () => {
    await walk.setPeople({ productManagerId: PRODUCT_MANAGER, roles: { executor: OTHER_MANAGER } })
    const contactId = await walk.rest<number>(MANAGER, 'crm.contact.add', {
      fields: { NAME: 'Павел', LAST_NAME: 'Зайцев', ASSIGNED_BY_ID: MANAGER, EMAIL: [{ VALUE: CLIENT_EMAIL, VALUE_TYPE: 'WORK' }] },
    })
    dealId = await walk.rest<number>(MANAGER, 'crm.deal.add', {
      fields: {
        TITLE: 'Подшипники SKF для ООО «Вектор»',
        CATEGORY_ID: await walk.categoryId(),
        STAGE_ID: await walk.stageId('Не обработан'),
        OPPORTUNITY: 100_000,
        CURRENCY_ID: 'RUB',
        ASSIGNED_BY_ID: MANAGER,
        CONTACT_ID: contactId,
      },
    })
    await walk.idle()
    expect(await walk.tasks(dealId)).toEqual([])
  })

  it('§5 «Экспресс-идентификация»: the express task at once, the 5-hour reminder to the responsible, his head and the product manager, once', async () => {
    entered = Date.parse((await walk.move(MANAGER, dealId, 'Экспресс-идентификация')).MOVED_TIME)
    const express = await walk.expectTask(dealId, 'Выполнить Экспресс-идентификацию', entered + 5 * HOUR)
    expect(Number((await walk.deal(dealId)).ASSIGNED_BY_ID)).toBe(MANAGER)
    walk.expectNoNotice(`экспресс-идентификация по сделке #${dealId}`)
    await harness.shiftClock(5 * HOUR + MINUTE)
    await walk.expectNotice(`Прошло 5 часов, а экспресс-идентификация по сделке #${dealId} не выполнена`, [MANAGER, HEAD, PRODUCT_MANAGER])
    await walk.complete(MANAGER, express)
    await walk.idle()
  })

  it('§6 «Счет/КП»: the quote task waits for the complexity and is due a day after the deal entered; its reminder when that day passed', async () => {
    entered = Date.parse((await walk.move(MANAGER, dealId, 'Счет/КП')).MOVED_TIME)
    await walk.expectNoTask(dealId, 'Сформировать и отправить КП')
    await harness.shiftClock(HOUR)
    await walk.fill(MANAGER, dealId, { complexity: await walk.enumId(MANAGER, 'complexity', 'simple') })
    const sendKp = await walk.expectTask(dealId, 'Сформировать и отправить КП', entered + DAY)
    await harness.shiftClock(DAY - HOUR + MINUTE)
    await walk.expectNotice(`Истёк срок по задаче «Сформировать и отправить КП» (сделка #${dealId})`, [MANAGER])

    const sent = await walk.complete(MANAGER, sendKp)
    const feedback = await walk.expectTask(dealId, 'Получить обратную связь по КП', sent + 3 * DAY)
    await harness.shiftClock(3 * DAY + MINUTE)
    await walk.expectNotice(`Прошло 3 дня: получите обратную связь по КП (сделка #${dealId})`, [MANAGER])

    // «Если после закрытия задачи «Получить обратную связь по КП» сделка в течение 12 часов продолжила находиться на стадии».
    const answered = await walk.complete(MANAGER, feedback)
    await harness.shiftClock(11 * HOUR)
    await walk.expectNoTask(dealId, 'Актуализировать дату получения обратной связи')
    await harness.shiftClock(HOUR + MINUTE)
    const actualize = await walk.expectTask(dealId, 'Актуализировать дату получения обратной связи', answered + 12 * HOUR + DAY)
    await walk.expectRenewed(dealId, actualize, MANAGER, 'Укажите новую (будущую) дату получения обратной связи по КП')
  })

  it('§6: a new feedback date → «Получить обратную связь по КП/счету» due on it; «Актуализировать» stays closed when that date passes; a changed date → the old task closed, a new one', async () => {
    const first = await walk.fillDate(dealId, 'kpFeedbackDate', 2 * DAY)
    const byDate = await walk.expectTask(dealId, 'Получить обратную связь по КП/счету', first)
    const actualize = await walk.completeOpen(dealId, 'Актуализировать дату получения обратной связи')
    await walk.idle()
    // The deal stays on the stage past the date it was closed with: closing was right then, no renewal now.
    await harness.shiftClock(first - (await walk.portalNow()) + HOUR)
    await walk.idle()
    expect((await walk.tasks(dealId, actualize.title)).filter(walk.isOpen)).toEqual([])

    const second = await walk.fillDate(dealId, 'kpFeedbackDate', DAY)
    const renewed = await walk.expectTask(dealId, 'Получить обратную связь по КП/счету', second)
    const all = await walk.tasks(dealId, 'Получить обратную связь по КП/счету')
    expect(all.map((task) => [task.id, walk.isOpen(task)])).toEqual([
      [byDate.id, false],
      [renewed.id, true],
    ])
    await walk.complete(MANAGER, renewed)
    await walk.idle()
  })

  it('§7 «Договор»: no contract needed → the runner moves the deal to «Комплектация» itself, no contract task', async () => {
    await walk.fill(MANAGER, dealId, { contractNeeded: await walk.yesNo(MANAGER, 'contractNeeded', false), paidAmount: '50000|RUB' })
    await walk.move(MANAGER, dealId, 'Договор')
    await walk.idle()
    const deal = await walk.deal(dealId)
    expect(deal.STAGE_ID).toBe(await walk.stageId('Комплектация'))
    expect(Number(deal.MOVED_BY_ID)).toBe(ADMIN)
    expect(await walk.tasks(dealId, 'Сформировать и отправить Договор')).toEqual([])
  })

  it('§8 «Комплектация»: paid 50 000 of 100 000 → the final payment task, renewed when closed unpaid; paid in full days later → «Укомплектовать заказ по сделке» due two days after the payment', async () => {
    entered = Date.parse((await walk.deal(dealId)).MOVED_TIME)
    const payment = await walk.expectTask(dealId, 'Получить окончательный расчет', entered + 3 * DAY)
    await walk.expectNoTask(dealId, 'Укомплектовать заказ по сделке')
    await walk.expectRenewed(dealId, payment, MANAGER, 'Оплачено 50\u00a0000 из 100\u00a0000 ₽ — нужен окончательный расчет')

    // The rest of the money comes four days later: the assembly task counts from then, not from the entry.
    await harness.shiftClock(4 * DAY)
    await walk.idle()
    const paid = await walk.portalNow()
    await walk.fill(MANAGER, dealId, { paidAmount: '100000|RUB' })
    await walk.expectTask(dealId, 'Укомплектовать заказ по сделке', paid + 2 * DAY)
    await walk.complete(MANAGER, payment)
    await walk.idle()
    expect((await walk.tasks(dealId, payment.title)).filter(walk.isOpen)).toEqual([])
  })

  it('§8: pickup and goods reserved → the client gets «готов к отгрузке» when the order is assembled, then every 14 days, each once', async () => {
    await walk.fill(MANAGER, dealId, { deliveryCondition: await walk.enumId(MANAGER, 'deliveryCondition', 'pickup'), productReserved: 1 })
    expect(await walk.emails(dealId)).toEqual([])
    await walk.completeOpen(dealId, 'Укомплектовать заказ по сделке')
    const ready = 'Товар по вашему заказу готов к отгрузке (самовывоз)'
    for (const count of [1, 2, 3]) {
      if (count > 1) await harness.shiftClock(14 * DAY)
      await walk.idle()
      const mails = await walk.emails(dealId)
      expect(mails.map((mail) => mail.DESCRIPTION)).toEqual(Array(count).fill(ready))
      expect(mails.every((mail) => mail.COMMUNICATIONS?.[0]?.VALUE === CLIENT_EMAIL)).toBe(true)
    }
  })

  it('§8 «Отгрузка»: paid, so no payment task; after «Организовать отгрузку» the track number goes to the client, and (now delivered) a receipt check', async () => {
    entered = Date.parse((await walk.move(MANAGER, dealId, 'Отгрузка')).MOVED_TIME)
    const ship = await walk.expectTask(dealId, 'Организовать отгрузку', entered + 2 * DAY)
    expect((await walk.tasks(dealId, 'Получить окончательный расчет')).length).toBe(1)
    // The client asked for delivery by a carrier after all.
    await walk.fill(MANAGER, dealId, { deliveryCondition: await walk.enumId(MANAGER, 'deliveryCondition', 'carrier'), trackNumber: 'CDEK-1029384756' })
    const shipped = await walk.complete(MANAGER, ship)
    const receipt = await walk.expectTask(dealId, 'Получить подтверждение, что товар получен', shipped + 5 * DAY)
    const mails = await walk.emails(dealId)
    expect(mails.map((mail) => mail.DESCRIPTION).filter((text) => text.includes('Трек-номер'))).toEqual(['Ваш заказ отправлен. Трек-номер: CDEK-1029384756'])
    await walk.complete(MANAGER, receipt)
    await walk.idle()
  })

  it('§9 «Подведение итогов»: scans task and its 1-day reminder; the originals date task is renewed until the date is set', async () => {
    entered = Date.parse((await walk.move(MANAGER, dealId, 'Подведение итогов')).MOVED_TIME)
    const scans = await walk.expectTask(dealId, 'Получить сканы закрывающих документов', entered + DAY)
    await harness.shiftClock(DAY + MINUTE)
    await walk.expectNotice(`Прошёл 1 день: получите сканы закрывающих документов (сделка #${dealId})`, [MANAGER])
    const scanned = await walk.complete(MANAGER, scans)
    const dateTask = await walk.expectTask(dealId, 'Заполнить плановую дату получения оригиналов документов', scanned + DAY)
    await walk.expectRenewed(dealId, dateTask, MANAGER, 'Заполните плановую дату получения оригиналов документов')
    await walk.fillDate(dealId, 'originalsPlannedDate', 5 * DAY)
    await walk.complete(MANAGER, dateTask)
    await walk.idle()
    expect((await walk.tasks(dealId, dateTask.title)).filter(walk.isOpen)).toEqual([])
  })

  it('§9 «Сделка успешна»: no originals yet → «Получить оригиналы документов» due on the planned date, a reminder on that date, once', async () => {
    const planned = Date.parse(String((await walk.rest<Record<string, string>>(ADMIN, 'crm.deal.get', { id: dealId })).UF_CRM_LMS_ORIGINALS_PLANNED_DATE))
    await walk.move(MANAGER, dealId, 'Сделка успешна')
    const originals = await walk.expectTask(dealId, 'Получить оригиналы документов', planned)
    await harness.shiftClock(planned - (await walk.portalNow()) + MINUTE)
    await walk.expectNotice(`Наступил плановый срок получения оригиналов документов (сделка #${dealId})`, [MANAGER])
    await walk.fill(MANAGER, dealId, { originalsReceived: 1 })
    await walk.complete(MANAGER, originals)
    await walk.idle()
  })

  it('§5: when the head of sales takes a colleague’s deal, the auditor and the reminder go to her own head, not to herself', async () => {
    const taken = await walk.rest<number>(ADMIN, 'crm.deal.add', {
      fields: { TITLE: 'Заявка с сайта', CATEGORY_ID: await walk.categoryId(), STAGE_ID: await walk.stageId('Не обработан'), OPPORTUNITY: 1000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: OTHER_MANAGER },
    })
    const moved = Date.parse((await walk.move(HEAD, taken, 'Экспресс-идентификация')).MOVED_TIME)
    await walk.expectTask(taken, 'Выполнить Экспресс-идентификацию', moved + 5 * HOUR, { responsible: HEAD, auditor: ADMIN })
    expect(Number((await walk.deal(taken)).ASSIGNED_BY_ID)).toBe(HEAD)
    await harness.shiftClock(5 * HOUR + MINUTE)
    await walk.expectNotice(`экспресс-идентификация по сделке #${taken} не выполнена`, [HEAD, ADMIN, PRODUCT_MANAGER])
  })

  it('every notice went out once: none repeated over the whole walk, and every task the runner set was set once', async () => {
    await harness.shiftClock(DAY)
    await walk.idle()
    walk.expectNoRepeats()
    const titles = (await walk.tasks(dealId)).map((task) => task.title)
    expect(titles.filter((title) => title !== 'Получить обратную связь по КП/счету')).toEqual([...new Set(titles.filter((title) => title !== 'Получить обратную связь по КП/счету'))])
    expect(harness.runner.status().connection.state).toBe('connected')
  })
})

describe('«Услуги» from «Не обработан» to «Сделка успешна» by the runner alone', () => {
  const harness = useRunnerHarness()
  const walk = lemusWalk(harness, 'Услуги')
  const EXECUTOR = OTHER_MANAGER
  let dealId: number
  let entered: number

  it('the manager opens a services deal; the admin names the works executor', async () => {
    await walk.setPeople({ productManagerId: PRODUCT_MANAGER, roles: { executor: EXECUTOR } })
    dealId = await walk.rest<number>(MANAGER, 'crm.deal.add', {
      fields: { TITLE: 'Вибродиагностика насосной станции', CATEGORY_ID: await walk.categoryId(), STAGE_ID: await walk.stageId('Не обработан'), OPPORTUNITY: 80_000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: MANAGER },
    })
    await walk.idle()
    expect(await walk.tasks(dealId)).toEqual([])
  })

  it('§5 «Первичная идентификация»: the express task, and after 5 hours a reminder to the responsible and his head (no product manager here), once', async () => {
    entered = Date.parse((await walk.move(MANAGER, dealId, 'Первичная идентификация')).MOVED_TIME)
    const express = await walk.expectTask(dealId, 'Выполнить Экспресс-идентификацию', entered + 5 * HOUR)
    await harness.shiftClock(5 * HOUR + MINUTE)
    await walk.expectNotice(`Прошло 5 часов, а экспресс-идентификация по сделке #${dealId} не выполнена`, [MANAGER, HEAD])
    await walk.complete(MANAGER, express)
    await walk.idle()
  })

  it('§6 «Счет/КП»: two tasks in parallel and a reminder after 2 hours; after both, the feedback date task is renewed until the date is set', async () => {
    entered = Date.parse((await walk.move(MANAGER, dealId, 'Счет/КП')).MOVED_TIME)
    const kp = await walk.expectTask(dealId, 'Сформировать и отправить КП', entered + DAY)
    const sheet = await walk.expectTask(dealId, 'Подготовить и отправить лист о подготовке к выполнению работ', entered + DAY)
    await harness.shiftClock(2 * HOUR + MINUTE)
    await walk.expectNotice(`Прошло 2 часа: отправьте КП и лист о подготовке к выполнению работ (сделка #${dealId})`, [MANAGER])
    await walk.complete(MANAGER, kp)
    await walk.expectNoTask(dealId, 'Заполнить дату получения обратной связи по КП')
    const both = await walk.complete(MANAGER, sheet)
    const fillDate = await walk.expectTask(dealId, 'Заполнить дату получения обратной связи по КП', both + DAY)
    await walk.expectRenewed(dealId, fillDate, MANAGER, 'Заполните дату получения обратной связи по КП')
  })

  it('§6: the feedback date set → «Получить обратную связь по КП» due on it; changed → a new «…по КП/счету», and an hour before the new date a reminder, once', async () => {
    const first = await walk.fillDate(dealId, 'kpFeedbackDate', 2 * DAY)
    const feedback = await walk.expectTask(dealId, 'Получить обратную связь по КП', first)
    await walk.completeOpen(dealId, 'Заполнить дату получения обратной связи по КП')

    const second = await walk.fillDate(dealId, 'kpFeedbackDate', 3 * DAY)
    const again = await walk.expectTask(dealId, 'Получить обратную связь по КП/счету', second)
    expect((await walk.tasks(dealId, feedback.title)).map((task) => walk.isOpen(task))).toEqual([false])
    await harness.shiftClock(second - HOUR - (await walk.portalNow()) - MINUTE)
    await walk.idle()
    walk.expectNoNotice(`Через час срок обратной связи по КП (сделка #${dealId})`)
    await harness.shiftClock(2 * MINUTE)
    await walk.expectNotice(`Через час срок обратной связи по КП (сделка #${dealId})`, [MANAGER])
    await walk.complete(MANAGER, again)
    await walk.idle()
  })

  it('§7 «Договор»: contract needed → the contract task; its feedback date task; the feedback task due on the date, a reminder when it comes; a new date → a new task', async () => {
    entered = Date.parse((await walk.move(MANAGER, dealId, 'Договор', { contractNeeded: await walk.yesNo(MANAGER, 'contractNeeded', true) })).MOVED_TIME)
    const contract = await walk.expectTask(dealId, 'Сформировать и отправить Договор', entered + DAY)
    expect((await walk.deal(dealId)).STAGE_ID).toBe(await walk.stageId('Договор'))
    const sent = await walk.complete(MANAGER, contract)
    const fillDate = await walk.expectTask(dealId, 'Заполнить дату получения обратной связи по договору', sent + DAY)
    const due = await walk.fillDate(dealId, 'contractFeedbackDate', DAY)
    const feedback = await walk.expectTask(dealId, 'Получить обратную связь по договору', due)
    await walk.complete(MANAGER, fillDate)
    await harness.shiftClock(DAY + MINUTE)
    await walk.expectNotice(`Наступил срок обратной связи по договору (сделка #${dealId})`, [MANAGER])

    const later = await walk.fillDate(dealId, 'contractFeedbackDate', 2 * DAY)
    const again = await walk.expectTask(dealId, 'Получить обратную связь по Договору', later)
    expect((await walk.tasks(dealId, feedback.title)).map((task) => walk.isOpen(task))).toEqual([false])
    await walk.complete(MANAGER, again)
    await walk.idle()
  })

  it('§4 «Ожидание выезда на объект»: the readiness task due in a day (no emergency); at the readiness date − 2 h a notice and an e-mail to the responsible and the works executor, once', async () => {
    const readiness = (await walk.portalNow()) + DAY
    entered = Date.parse((await walk.move(MANAGER, dealId, 'Ожидание выезда на объект', { emergency: 0, readinessDate: new Date(readiness).toISOString() })).MOVED_TIME)
    const confirm = await walk.expectTask(dealId, 'Получить подтверждение готовности', entered + DAY)
    await harness.shiftClock(readiness - 2 * HOUR - (await walk.portalNow()) - MINUTE)
    await walk.idle()
    walk.expectNoNotice(`Через 2 часа плановая готовность к выезду на объект (сделка #${dealId})`)
    await harness.shiftClock(2 * MINUTE)
    const rows = await walk.expectNotice(`Через 2 часа плановая готовность к выезду на объект (сделка #${dealId})`, [MANAGER, EXECUTOR])
    // «уведомление и письмо исполнителю работ»: the notice also goes out by e-mail (MESSAGE_OUT).
    expect(rows.every((row) => row.MESSAGE_OUT.includes('Через 2 часа плановая готовность'))).toBe(true)
    await walk.complete(MANAGER, confirm)
    await walk.idle()
  })

  it('§4 «В работе»: the invoice task; not an emergency → the notice on the readiness date, once', async () => {
    const readiness = Date.parse(String((await walk.rest<Record<string, string>>(ADMIN, 'crm.deal.get', { id: dealId })).UF_CRM_LMS_READINESS_DATE))
    entered = Date.parse((await walk.move(MANAGER, dealId, 'В работе')).MOVED_TIME)
    const invoice = await walk.expectTask(dealId, 'Подготовить и отправить счет с листом о подготовке к выполнению работ', entered + DAY)
    walk.expectNoNotice(`Проверьте ход работ по сделке #${dealId}`)
    await harness.shiftClock(readiness - (await walk.portalNow()) + MINUTE)
    await walk.expectNotice(`Проверьте ход работ по сделке #${dealId}`, [MANAGER])
    await walk.complete(MANAGER, invoice)
    await walk.idle()
  })

  it('§4 §8 §9 «Подведение итогов»: the report, its feedback date, the feedback task; then the final payment with a reminder every 5 days while unpaid, and the originals to send', async () => {
    entered = Date.parse((await walk.move(MANAGER, dealId, 'Подведение итогов')).MOVED_TIME)
    const report = await walk.expectTask(dealId, 'Подготовить и отправить клиенту Отчет по результатам измерения', entered + 2 * DAY)
    const reported = await walk.complete(MANAGER, report)
    const fillDate = await walk.expectTask(dealId, 'Заполнить дату получения обратной связи по Отчету', reported + DAY)
    const due = await walk.fillDate(dealId, 'reportFeedbackDate', DAY)
    const feedback = await walk.expectTask(dealId, 'Получить обратную связь по Отчету', due)
    await walk.complete(MANAGER, fillDate)
    await walk.expectNoTask(dealId, 'Получить окончательный расчет')

    const answered = await walk.complete(MANAGER, feedback)
    const payment = await walk.expectTask(dealId, 'Получить окончательный расчет', answered + 3 * DAY)
    const originals = await walk.expectTask(dealId, 'Подготовить и отправить оригиналы документов', answered + 3 * DAY)
    await walk.expectRenewed(dealId, payment, MANAGER, 'Оплачено 0 из 80\u00a0000 ₽ — нужен окончательный расчет')

    const unpaid = 'Окончательный расчет не получен: оплачено 0 из 80\u00a0000 ₽'
    await harness.shiftClock(5 * DAY + MINUTE)
    await walk.idle()
    expect(walk.noticeRows(unpaid).map((row) => row.USER_ID)).toEqual([MANAGER])
    await harness.shiftClock(5 * DAY)
    await walk.idle()
    expect(walk.noticeRows(unpaid).map((row) => row.USER_ID)).toEqual([MANAGER, MANAGER])

    await walk.fill(MANAGER, dealId, { paidAmount: '80000|RUB' })
    await harness.shiftClock(5 * DAY)
    await walk.idle()
    expect(walk.noticeRows(unpaid)).toHaveLength(2)
    expect(walk.noticeRows('Окончательный расчет не получен: оплачено 80')).toEqual([])
    await walk.complete(MANAGER, payment)
    await walk.complete(MANAGER, originals)
    await walk.idle()
    expect((await walk.tasks(dealId, payment.title)).filter(walk.isOpen)).toEqual([])
  })

  it('§9 «Сделка успешна»: «Получить оригиналы документов» at once (14 days without a planned date)', async () => {
    entered = Date.parse((await walk.move(MANAGER, dealId, 'Сделка успешна')).MOVED_TIME)
    const originals = await walk.expectTask(dealId, 'Получить оригиналы документов', entered + 14 * DAY)
    await walk.complete(MANAGER, originals)
    await walk.idle()
  })

  it('every notice went out once and every task was set once over the whole walk', async () => {
    await harness.shiftClock(DAY)
    await walk.idle()
    walk.expectNoRepeats()
    const titles = (await walk.tasks(dealId)).map((task) => task.title)
    expect(titles).toEqual([...new Set(titles)])
  })
})
