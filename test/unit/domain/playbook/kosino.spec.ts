// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DEFAULT_PLAYBOOK, KOSINO_PIPELINE, planDealEffects } from '@/domain/playbook'
import type { DealEvaluation, DealSnapshot, DealTask } from '@/domain/playbook'
import { LADDERS } from '@/domain/client-profile/status-ladder'
import { KOSINO_PIPELINE_NAME, KOSINO_STAGES } from '../../../../sandbox/demo/crm'
import { HOUR, at, evaluate, keyOf, step, task } from './helpers'

// The Kosino sale (issue 16): each stage of the story's life cycle (section 3) gives the manager
// its tasks, round after round, tied to the «Продажа» tab (the deal amount it writes) and to the
// security deposit (the paid amount); the client's statuses the tasks name exist in the ladders.

const K = 'Продажи ППК Косино'

interface Walk {
  rounds: string[][]
  last: DealEvaluation
}

/** Creates what the stage asks for, closes it ten minutes later, an hour later looks again — until nothing is left. */
function walk(stage: string, scenario: { fields?: DealSnapshot['fields']; amountMinor?: number } = {}): Walk {
  const tasks: DealTask[] = []
  const rounds: string[][] = []
  let now = HOUR
  for (;;) {
    const result = evaluate({ pipeline: K, stage, tasks, after: now, ...scenario })
    if (result.tasksToCreate.length === 0 || rounds.length > 5) return { rounds, last: result }
    rounds.push(result.tasksToCreate.map((t) => t.title))
    for (const wanted of result.tasksToCreate) tasks.push(task(wanted.key, wanted.title, { createdAfter: now, closedAfter: now + 10 * 60_000 }))
    now += HOUR
  }
}

const ROUNDS: Record<string, string[][]> = {
  'Согласование условий сотрудничества': [['Направить клиенту условия сотрудничества'], ['Получить ответ клиента по условиям сотрудничества']],
  'Подписание LOI': [['Оформить LOI во вкладке «Продажа» (места, услуги, итог)'], ['Направить клиенту LOI на подписание'], ['Получить подписанный клиентом LOI']],
  'Согласование договора': [
    ['Переоформить продажу во вкладке «Продажа» на вид «Договор» и сверить итог'],
    ['Направить клиенту проект договора'],
    ['Получить согласование договора клиентом'],
  ],
  'Подписание договора': [['Подписать договор с клиентом']],
  'Обеспечительный платёж': [['Получить обеспечительный платёж']],
  'Акт приёма-передачи': [['Подписать с клиентом акт приёма-передачи']],
  'Сделка заключена': [['Записать продажу в «Историю» клиента']],
  'Не согласовано': [],
  'Не подписано': [],
}

describe('the Kosino sale playbook', () => {
  it('ships in the default playbook under the name and stages of the demo pipeline', () => {
    expect(DEFAULT_PLAYBOOK.pipelines.find((p) => p.key === 'kosino')).toBe(KOSINO_PIPELINE)
    expect(KOSINO_PIPELINE.name).toBe(KOSINO_PIPELINE_NAME)
    expect(KOSINO_PIPELINE.stages.map((s) => s.name)).toEqual(KOSINO_STAGES.map((s) => s.name))
    const finals = KOSINO_PIPELINE.stages.map((s) => s.final ?? null)
    expect(finals).toEqual(KOSINO_STAGES.map((s) => (s.semantics === 'S' ? 'success' : s.semantics === 'F' ? 'failure' : null)))
  })

  it.each(Object.entries(ROUNDS))('«%s» gives the manager its tasks, each after the one before', (stage, rounds) => {
    const { rounds: made, last } = walk(stage, { fields: { paidAmount: 50_000_000 } })
    expect(made).toEqual(rounds)
    expect(last.matched).toBe(true)
    expect(last.steps.filter((s) => s.kind === 'task').every((s) => s.state === 'done')).toBe(true)
    // The story names no reminders or moves: the manager moves the deal, nothing happens by itself.
    expect(last.autoActions).toEqual([])
    expect(last.notificationsDue).toEqual([])
  })

  it('every task goes to the responsible with the head in copy, due a day after the deal entered the stage', () => {
    const result = evaluate({ pipeline: K, stage: 'Согласование условий сотрудничества', after: HOUR })
    expect(result.tasksToCreate).toEqual([
      expect.objectContaining({ title: 'Направить клиенту условия сотрудничества', responsibleId: 3, auditorIds: [2], deadline: at(24 * HOUR) }),
    ])
    expect(result.tasksToCreate[0]!.description).toContain('Направлены условия сотрудничества')
    expect(step(result, 'terms-answer')).toMatchObject({ state: 'waiting', waitingOn: { kind: 'steps', stepIds: ['send-terms'] } })
  })

  it('the LOI cannot be sent before the «Продажа» tab has items: a closed LOI task stays blocked while the amount is 0', () => {
    const loiKey = keyOf(K, 'loi', 'loi-sale')
    const closed = task(loiKey, 'Оформить LOI во вкладке «Продажа» (места, услуги, итог)', { closedAfter: 30 * 60_000 })
    const empty = evaluate({ pipeline: K, stage: 'Подписание LOI', amountMinor: 0, tasks: [closed], after: HOUR })
    expect(step(empty, 'loi-sale')).toMatchObject({ state: 'blocked', closedTooEarly: true })
    expect(empty.blockers.map((b) => b.text.ru)).toEqual([
      'Во вкладке «Продажа» нет позиций: выберите вид продажи «LOI», добавьте места или услуги и сохраните — сумма сделки пока 0',
    ])
    expect(empty.blockers[0]!.text.en).toContain('choose the sale kind «LOI»')
    expect(step(empty, 'send-loi').state).toBe('waiting')
    const filled = evaluate({ pipeline: K, stage: 'Подписание LOI', amountMinor: 156_000_000, tasks: [closed], after: HOUR })
    expect(step(filled, 'loi-sale').state).toBe('done')
    expect(filled.tasksToCreate.map((t) => t.title)).toEqual(['Направить клиенту LOI на подписание'])
  })

  it('the contract stage asks for the sale kind «Договор» the same way', () => {
    const result = evaluate({ pipeline: K, stage: 'Согласование договора', amountMinor: 0, after: HOUR })
    expect(step(result, 'contract-sale').blockedReason?.ru).toContain('выберите вид продажи «Договор»')
    expect(step(result, 'contract-sale').blockedReason?.en).toContain('«Contract»')
  })

  it('the security deposit: «Не оплачено» blocks its task, «Сумма оплаты» is the stage’s field, a paid deposit settles it', () => {
    const key = keyOf(K, 'deposit', 'get-deposit')
    const closed = task(key, 'Получить обеспечительный платёж', { closedAfter: 30 * 60_000 })
    const unpaid = evaluate({ pipeline: K, stage: 'Обеспечительный платёж', tasks: [closed], after: HOUR })
    expect(unpaid.keyFields).toEqual(['paidAmount'])
    expect(step(unpaid, 'get-deposit').state).toBe('blocked')
    expect(unpaid.blockers.map((b) => b.text.ru)).toEqual(['Обеспечительный платёж не оплачен: внесите полученную сумму в «Сумма оплаты»'])
    const paid = evaluate({ pipeline: K, stage: 'Обеспечительный платёж', tasks: [closed], fields: { paidAmount: 40_000_000 }, after: HOUR })
    expect(step(paid, 'get-deposit').state).toBe('done')
    expect(paid.blockers).toEqual([])
  })

  it('the losing stages are final failures with nothing to do', () => {
    for (const stage of ['Не согласовано', 'Не подписано']) {
      const result = evaluate({ pipeline: K, stage, after: HOUR })
      expect(result.stage).toMatchObject({ name: stage, final: 'failure' })
      expect(result.steps).toEqual([])
    }
  })

  it('names only client statuses the ladders have (general and sectors 1–2)', () => {
    const labels = new Set(LADDERS.flatMap((ladder) => ladder.levels.flatMap((level) => [level.label.ru, ...level.subStatuses.map((sub) => sub.label.ru)])))
    const quoted = (text: string) => [...text.matchAll(/статус(?:ы)? «([^»]+)»(?: — «([^»]+)»)?/g)].flatMap((m) => [m[1], m[2]].filter((x): x is string => !!x))
    const named = KOSINO_PIPELINE.stages.flatMap((s) => s.steps.flatMap((st) => (st.kind === 'task' ? quoted(st.description ?? '') : [])))
    expect(named.length).toBeGreaterThan(10)
    for (const label of named) expect(labels, label).toContain(label)
  })

  it('the runner makes exactly the stage’s tasks for a Kosino deal and no moves or notices; on a final failure nothing', () => {
    const plan = (stage: string) =>
      planDealEffects({
        planId: 'p1',
        dealId: 42,
        evaluation: evaluate({ pipeline: K, stage, after: HOUR }),
        stages: KOSINO_STAGES.map((s) => ({ STATUS_ID: `C3:${s.code}`, NAME: s.name })),
        tasks: [],
        performedKeys: [],
        performedField: 'UF_CRM_PERFORMED',
        client: null,
        now: new Date(at(HOUR)),
      })
    const terms = plan('Согласование условий сотрудничества')
    expect(terms.plan?.steps.map((s) => s.method)).toEqual(['tasks.task.add'])
    expect(terms.effects.map((e) => e.title.ru)).toEqual(['Задача «Направить клиенту условия сотрудничества»'])
    expect(plan('Не подписано')).toEqual({ plan: null, effects: [] })
  })
})
