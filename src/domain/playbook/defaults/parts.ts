import type { Condition, PlaybookStep } from '../schema'

/** Small builders so the default playbooks read like the story. The result is plain JSON. */

export const HEAD_AS_AUDITOR = ['head']

export const isTrue = (field: Extract<Condition, { type: 'field' }>['field']): Condition => ({ type: 'field', field, op: 'isTrue' })
export const isFalse = (field: Extract<Condition, { type: 'field' }>['field']): Condition => ({ type: 'field', field, op: 'isFalse' })
export const filled = (field: Extract<Condition, { type: 'field' }>['field']): Condition => ({ type: 'field', field, op: 'filled' })
export const empty = (field: Extract<Condition, { type: 'field' }>['field']): Condition => ({ type: 'field', field, op: 'empty' })
export const all = (...of: Condition[]): Condition => ({ type: 'all', of })

export const PICKUP: Condition = { type: 'field', field: 'deliveryCondition', op: 'eq', value: 'pickup' }
export const NOT_PICKUP: Condition = { type: 'field', field: 'deliveryCondition', op: 'neq', value: 'pickup' }
/** «Сумма оплаты меньше, чем сумма сделки». */
export const UNDERPAID: Condition = { type: 'money', left: 'paid', op: 'lt', right: 'amount' }
/** «Сумма оплаты станет равной сумме сделки» (an overpayment also counts as paid). */
export const PAID_IN_FULL: Condition = { type: 'money', left: 'paid', op: 'gte', right: 'amount' }

export const FINAL_PAYMENT_REASON = {
  ru: 'Оплачено {paid} из {amount} {currency} — нужен окончательный расчет',
  en: 'Paid {paid} of {amount} {currency} — final payment needed',
}

/** «Получить окончательный расчет»: only while underpaid, and it may not close until paid in full. */
export function finalPaymentTask(extra: Partial<Extract<PlaybookStep, { kind: 'task' }>> = {}): PlaybookStep {
  return {
    id: 'final-payment',
    kind: 'task',
    title: 'Получить окончательный расчет',
    responsible: 'responsible',
    auditors: HEAD_AS_AUDITOR,
    deadline: { kind: 'after', days: 3 },
    when: UNDERPAID,
    blockUntil: { condition: PAID_IN_FULL, reason: FINAL_PAYMENT_REASON },
    ...extra,
  }
}

/** §5, both pipelines: the one who took the deal becomes responsible, then the express check. */
export function expressIdentificationSteps(recipients: string[]): PlaybookStep[] {
  return [
    {
      id: 'assign-mover',
      kind: 'assignResponsible',
      to: 'movedBy',
      note: '§5 В сделке автоматически меняется ответственный на того, кто перевел ее со стадии «Не обработан»',
    },
    {
      id: 'express-id',
      kind: 'task',
      title: 'Выполнить Экспресс-идентификацию',
      responsible: 'responsible',
      auditors: HEAD_AS_AUDITOR,
      deadline: { kind: 'after', hours: 5 },
    },
    {
      id: 'express-id-reminder',
      kind: 'notify',
      note: '§5 параллельно запускается ожидание 5 часов, по прошествии которых создается уведомление',
      channels: ['notify'],
      recipients,
      message: 'Прошло 5 часов, а экспресс-идентификация по сделке #{dealId} не выполнена',
      at: { kind: 'after', hours: 5, from: 'stageEntered' },
      cancelIfDone: ['express-id'],
    },
  ]
}

/** §7, both pipelines, stage «Договор». `skipTo` is where the deal goes when no contract is needed. */
export function contractSteps(skipTo?: string): PlaybookStep[] {
  const move: PlaybookStep = {
    id: 'skip-contract',
    kind: 'moveStage',
    note: '§7 Если договор не нужен сделка автоматически переводится на стадию Комплектация',
    when: isFalse('contractNeeded'),
  }
  if (skipTo) move.to = skipTo
  return [
    move,
    {
      id: 'send-contract',
      kind: 'task',
      title: 'Сформировать и отправить Договор',
      responsible: 'responsible',
      auditors: HEAD_AS_AUDITOR,
      deadline: { kind: 'after', days: 1 },
      when: isTrue('contractNeeded'),
    },
    {
      id: 'fill-contract-date',
      kind: 'task',
      note: '§7 проверяет заполнено ли поле с датой обратной связи по договору и если оно не заполнено ставит соответствующую задачу',
      title: 'Заполнить дату получения обратной связи по договору',
      responsible: 'responsible',
      auditors: HEAD_AS_AUDITOR,
      deadline: { kind: 'after', days: 1 },
      after: { steps: ['send-contract'] },
      when: all(isTrue('contractNeeded'), empty('contractFeedbackDate')),
      blockUntil: {
        condition: filled('contractFeedbackDate'),
        reason: {
          ru: 'Заполните дату получения обратной связи по договору',
          en: 'Fill in the contract feedback date',
        },
      },
    },
    {
      id: 'contract-feedback',
      kind: 'task',
      note: '§7 При заведении или изменении поля Дата получения обратной связи по Договору — новая задача с новым сроком',
      title: 'Получить обратную связь по договору',
      titleOnRevision: 'Получить обратную связь по Договору',
      responsible: 'responsible',
      auditors: HEAD_AS_AUDITOR,
      deadline: { kind: 'field', field: 'contractFeedbackDate' },
      after: { steps: ['send-contract'] },
      when: isTrue('contractNeeded'),
      revisionBy: 'contractFeedbackDate',
    },
    {
      id: 'contract-feedback-reminder',
      kind: 'notify',
      note: '§7 ожидание срока обратной связи, по прошествии которого ответственному выдается уведомление',
      channels: ['notify'],
      recipients: ['responsible'],
      message: 'Наступил срок обратной связи по договору (сделка #{dealId})',
      at: { kind: 'field', field: 'contractFeedbackDate' },
      after: { steps: ['send-contract'] },
      when: isTrue('contractNeeded'),
      revisionBy: 'contractFeedbackDate',
      cancelIfDone: ['contract-feedback'],
    },
  ]
}

/** «Сделка провалена»: a final stage with nothing to do. */
export const LOST_STAGE = { key: 'lost', name: 'Сделка провалена', final: 'failure' as const, steps: [] }
