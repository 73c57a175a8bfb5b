import type { Condition, PlaybookPipeline, PlaybookStage, PlaybookStep } from '../schema'
import { HEAD_AS_AUDITOR } from './parts'

/*
 * The Kosino park's sale, from the story's life cycle (section 3, «На уровне клиента»):
 * conditions of cooperation → LOI → contract approval → contract signing, then the security
 * deposit («Оплачено / Не оплачено») and the acceptance act («Подписан / Не подписан»);
 * «Не согласовано» and «Не подписано» lose the deal. The story's result: «Битрикс24 на каждом
 * этапе прохождения Сделки подсказывает ответственному менеджеру, что он должен сделать».
 *
 * Where the story is silent, chosen here (an admin changes any of it in settings):
 * - Deadlines: a document is sent within 1 day, the client answers terms within 3 days and an
 *   LOI or a contract draft within 5, the contract and the act are signed within 3 days, the
 *   deposit is paid within 5 days.
 * - The deal's sale is the «Продажа» tab (LOI or Договор, items, total): the LOI and the
 *   contract tasks cannot close while the deal's amount, which the tab writes from its items,
 *   is zero. The tab's sale kind is not a playbook field, so the task names it instead.
 * - The security deposit is entered in «Сумма оплаты»: its task cannot close while nothing is
 *   paid (the story's «Не оплачено»).
 * - The client's status ladder is in the client's profile, not on the deal: each task says in
 *   its description which status to set (the general ladder, and the sectors 1 and 2 one).
 * - An unsigned acceptance act does not lose the deal: the act is signed later (the contract
 *   is signed); «Не подписано» is for an LOI or a contract the client did not sign.
 * - On «Сделка заключена» the sale is recorded in the client's «История» (type
 *   «Подписание соглашения/договора»), as the story keeps every sale as an activity.
 * - No reminders or automatic moves: the story names none; the manager moves the deal.
 */

/** The deal's amount is what the «Продажа» tab writes from its items: zero means no items yet. */
const SALE_HAS_ITEMS: Condition = { type: 'money', left: 'amount', op: 'gt', right: 'zero' }
/** «Оплата обеспечительного платежа: Оплачено» — a deposit entered in «Сумма оплаты». */
const DEPOSIT_PAID: Condition = { type: 'money', left: 'paid', op: 'gt', right: 'zero' }

type TaskExtra = Partial<Extract<PlaybookStep, { kind: 'task' }>>

/** A task of the responsible manager with the head as auditor, due `days` after it starts. */
function task(id: string, title: string, days: number, description: string, extra: TaskExtra = {}): PlaybookStep {
  return { id, kind: 'task', title, description, responsible: 'responsible', auditors: HEAD_AS_AUDITOR, deadline: { kind: 'after', days }, ...extra }
}

/** A working stage: the head is resolved for the tasks' auditor. */
function stage(key: string, name: string, steps: PlaybookStep[], extra: Partial<PlaybookStage> = {}): PlaybookStage {
  return { key, name, section: '§3', resolveHead: true, steps, ...extra }
}

function saleTask(id: string, title: string, kind: 'LOI' | 'Договор'): PlaybookStep {
  return task(
    id,
    title,
    1,
    `Во вкладке «Продажа» сделки выберите вид продажи «${kind}», добавьте места (тип объекта, зона, сектор, место, срок в годах) и услуги ВЭД или 3PL со стоимостью и сохраните: итог «услуга/площадь, сумма, срок» станет суммой сделки.`,
    {
      blockUntil: {
        condition: SALE_HAS_ITEMS,
        reason: {
          ru: `Во вкладке «Продажа» нет позиций: выберите вид продажи «${kind}», добавьте места или услуги и сохраните — сумма сделки пока 0`,
          en: `The «Продажа» (Sale) tab has no items: choose the sale kind «${kind === 'LOI' ? 'LOI' : 'Contract'}», add places or services and save — the deal amount is still 0`,
        },
      },
    },
  )
}

export const KOSINO_PIPELINE: PlaybookPipeline = {
  key: 'kosino',
  name: 'Продажи ППК Косино',
  stages: [
    stage('terms', 'Согласование условий сотрудничества', [
      task(
        'send-terms',
        'Направить клиенту условия сотрудничества',
        1,
        'Подготовьте условия: объект, площадь или услуга, срок, стоимость. В профиле клиента поставьте статус «Согласование условий сотрудничества» — «Направлены условия сотрудничества» (для секторов 1 и 2 — «Активные переговоры»).',
      ),
      task(
        'terms-answer',
        'Получить ответ клиента по условиям сотрудничества',
        3,
        'Встречные условия клиента — рассмотрите их, статус «Обработка возражений». Согласовано — статус «Согласовано», сделку на «Подписание LOI». Не согласовано — сделку на «Не согласовано».',
        { after: { steps: ['send-terms'] } },
      ),
    ]),
    stage('loi', 'Подписание LOI', [
      saleTask('loi-sale', 'Оформить LOI во вкладке «Продажа» (места, услуги, итог)', 'LOI'),
      task(
        'send-loi',
        'Направить клиенту LOI на подписание',
        1,
        'В профиле клиента поставьте статус «Подписание LOI» — «Подготовка документов».',
        { after: { steps: ['loi-sale'] } },
      ),
      task(
        'loi-signed',
        'Получить подписанный клиентом LOI',
        5,
        'Подписано — статус «Подписание LOI» — «Подписано» (для секторов 1 и 2 — «Заключён LOI»), сделку на «Согласование договора». Не подписано — сделку на «Не подписано».',
        { after: { steps: ['send-loi'] } },
      ),
    ]),
    stage('contract-approval', 'Согласование договора', [
      saleTask('contract-sale', 'Переоформить продажу во вкладке «Продажа» на вид «Договор» и сверить итог', 'Договор'),
      task(
        'send-draft',
        'Направить клиенту проект договора',
        1,
        'В профиле клиента поставьте статус «Согласование договора» — «Подготовка документов» (для секторов 1 и 2 — «Проект на рассмотрении у клиента»).',
        { after: { steps: ['contract-sale'] } },
      ),
      task(
        'draft-answer',
        'Получить согласование договора клиентом',
        5,
        'Замечания клиента — статус «Обработка возражений». Согласован — статус «Согласовано», сделку на «Подписание договора». Не согласован — сделку на «Не согласовано».',
        { after: { steps: ['send-draft'] } },
      ),
    ]),
    stage('contract-signing', 'Подписание договора', [
      task(
        'sign-contract',
        'Подписать договор с клиентом',
        3,
        'В профиле клиента — статус «Подписание договора». Подписан — сделку на «Обеспечительный платёж» (для секторов 1 и 2 статус «Подписан»). Не подписан — сделку на «Не подписано» (для секторов 1 и 2 статус «Не подписан»).',
      ),
    ]),
    stage(
      'deposit',
      'Обеспечительный платёж',
      [
        task(
          'get-deposit',
          'Получить обеспечительный платёж',
          5,
          'Когда платёж поступит, внесите его сумму в «Сумма оплаты» на вкладке «Следующий шаг» и переведите сделку на «Акт приёма-передачи».',
          {
            blockUntil: {
              condition: DEPOSIT_PAID,
              reason: {
                ru: 'Обеспечительный платёж не оплачен: внесите полученную сумму в «Сумма оплаты»',
                en: 'The security deposit is not paid: enter the amount received in «Paid amount»',
              },
            },
          },
        ),
      ],
      { keyFields: ['paidAmount'] },
    ),
    stage('acceptance', 'Акт приёма-передачи', [
      task(
        'sign-act',
        'Подписать с клиентом акт приёма-передачи',
        3,
        'Подписан — сделку на «Сделка заключена». Не подписан — выясните причину и договоритесь о новой дате; сделка остаётся на стадии.',
      ),
    ]),
    stage(
      'won',
      'Сделка заключена',
      [
        task(
          'record-sale',
          'Записать продажу в «Историю» клиента',
          1,
          'В профиле клиента, раздел «История»: событие «Подписание соглашения/договора» с итогом продажи (услуга/площадь, сумма, срок).',
        ),
      ],
      { final: 'success' },
    ),
    { key: 'not-agreed', name: 'Не согласовано', section: '§3', final: 'failure', steps: [] },
    { key: 'not-signed', name: 'Не подписано', section: '§3', final: 'failure', steps: [] },
  ],
}
