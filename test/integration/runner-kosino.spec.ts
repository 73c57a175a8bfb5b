import { describe, expect, it } from 'vitest'
import { KOSINO_PIPELINE_NAME } from '../../sandbox/demo/crm'
import { DAY, HOUR, MANAGER, lemusWalk } from './helpers/lemus-walk'
import { useRunnerHarness } from './helpers/runner-harness'

/*
 * Issue 16: the runner carries out the Kosino sale's playbook as the tab shows it, with nobody
 * looking. It sets each stage's tasks once, after the ones before; renews the LOI task closed
 * before the «Продажа» tab has items, saying why; and does nothing of its own beyond that — no
 * move, no notice — and nothing on a losing stage.
 */

describe('the Kosino sale by the runner alone', () => {
  const harness = useRunnerHarness()
  const walk = lemusWalk(harness, KOSINO_PIPELINE_NAME)
  let dealId: number

  it('«Согласование условий сотрудничества»: the terms task, then the answer task once it is closed', async () => {
    dealId = await walk.rest<number>(MANAGER, 'crm.deal.add', {
      fields: { TITLE: 'Раннер: склад — Молочный край', CATEGORY_ID: await walk.categoryId(), STAGE_ID: await walk.stageId('Согласование условий сотрудничества'), OPPORTUNITY: 0, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: MANAGER },
    })
    const entered = Date.parse((await walk.deal(dealId)).MOVED_TIME)
    const terms = await walk.expectTask(dealId, 'Направить клиенту условия сотрудничества', entered + DAY)
    await walk.expectNoTask(dealId, 'Получить ответ клиента по условиям сотрудничества')
    const closed = await walk.complete(MANAGER, terms)
    await walk.expectTask(dealId, 'Получить ответ клиента по условиям сотрудничества', closed + 3 * DAY)
  })

  it('«Подписание LOI»: the LOI task closed while the deal has no items is renewed with the reason, and nothing follows it', async () => {
    await walk.move(MANAGER, dealId, 'Подписание LOI')
    const entered = Date.parse((await walk.deal(dealId)).MOVED_TIME)
    const loi = await walk.expectTask(dealId, 'Оформить LOI во вкладке «Продажа» (места, услуги, итог)', entered + DAY)
    await walk.expectRenewed(dealId, loi, MANAGER, 'Во вкладке «Продажа» нет позиций: выберите вид продажи «LOI», добавьте места или услуги и сохраните — сумма сделки пока 0')
    await walk.expectNoTask(dealId, 'Направить клиенту LOI на подписание')

    // The «Продажа» tab's save sets the amount; closed again, the task stays closed and the next one comes.
    await walk.rest(MANAGER, 'crm.deal.update', { id: dealId, fields: { OPPORTUNITY: 960_000 } })
    const closed = await walk.complete(MANAGER, (await walk.tasks(dealId, loi.title)).find(walk.isOpen)!)
    await walk.expectTask(dealId, 'Направить клиенту LOI на подписание', closed + DAY)
    expect((await walk.tasks(dealId, loi.title)).filter(walk.isOpen)).toEqual([])
  })

  it('a losing stage: nothing is set, the deal stays where the manager put it, and no notice is sent', async () => {
    await walk.move(MANAGER, dealId, 'Не подписано')
    await harness.shiftClock(2 * HOUR)
    await walk.idle()
    expect((await walk.deal(dealId)).STAGE_ID).toBe(await walk.stageId('Не подписано'))
    const titles = (await walk.tasks(dealId)).map((task) => task.title)
    expect(titles).toEqual([
      'Направить клиенту условия сотрудничества',
      'Получить ответ клиента по условиям сотрудничества',
      'Оформить LOI во вкладке «Продажа» (места, услуги, итог)',
      'Направить клиенту LOI на подписание',
    ])
    // The one notice of the whole walk: the renewal's (the Kosino playbook has no reminders).
    expect(walk.noticeRows('').map((row) => row.MESSAGE)).toEqual([
      'Задача «Оформить LOI во вкладке «Продажа» (места, услуги, итог)» возобновлена: Во вкладке «Продажа» нет позиций: выберите вид продажи «LOI», добавьте места или услуги и сохраните — сумма сделки пока 0',
    ])
  })
})
