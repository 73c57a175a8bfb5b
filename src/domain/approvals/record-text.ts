import type { Money } from './types'
import type { TripRequestInput } from './trip-machine'

/**
 * The Russian lines people read in the portal (timeline, tasks, notifications). They are
 * data, not UI: they stay in the portal after the app is gone, so they are not localized.
 */
export const DRAFT_TASK_TITLE = 'Оформить нестандартный договор'
export const FIX_TASK_TITLE = 'Устранить замечания по проекту договора'
export const PAYOUT_TASK_TITLE = 'Выдать ДС для командировки'
export const TRIP_REQUEST_TITLE_PREFIX = 'Согласование командировки'
export const TRIP_DECISION_TITLE_PREFIX = 'Решение по командировке'
/** The playbook's task of «Подведение итогов» on «Услуги» (LEMUS §4): the report is approved before it goes out. */
export const REPORT_TASK_TITLE = 'Подготовить и отправить клиенту Отчет по результатам измерения'
export const REPORT_FIX_TASK_TITLE = 'Доработать Отчет по результатам измерения'
/** The approver's to-do of one round, set by the runner (prefixes: the title names the deal and the round). */
export const APPROVER_TASK_TITLES = {
  contract: 'Согласовать проект договора',
  report: 'Согласовать Отчет по результатам измерения',
} as const

export function formatMoney(money: Money): string {
  const amount = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(money.amount)
  return `${amount} ${money.currency === 'RUB' ? '₽' : money.currency}`
}

/** The file as people read it: its name when known and its version among the files sent (not the portal's file id). */
function fileLabel(file: { id: number; name?: string }, version: number): string {
  return file.name ? `файл «${file.name}», версия ${version}` : `файл, версия ${version}`
}

export const contractLines = {
  start: () => 'Запущено согласование договора: оформите нестандартный договор и приложите файл в поле «Проект договора».',
  submit: (round: number, file: { id: number; name?: string }, version: number) =>
    `Проект договора отправлен на согласование (круг ${round}, ${fileLabel(file, version)}).`,
  resubmit: (round: number, file: { id: number; name?: string }, version: number) =>
    `Исправленный проект договора отправлен на повторное согласование (круг ${round}, ${fileLabel(file, version)}).`,
  reject: (round: number, comment: string) => `Проект договора отклонён (круг ${round}). Причина: ${comment}`,
  approve: (round: number, comment: string) =>
    `Проект договора согласован (круг ${round}).${comment ? ` Комментарий: ${comment}` : ''}`,
}

export const reportLines = {
  submit: (round: number, file: { id: number; name?: string }, version: number) =>
    `Отчет по результатам измерения отправлен на согласование (круг ${round}, ${fileLabel(file, version)}).`,
  resubmit: (round: number, file: { id: number; name?: string }, version: number) =>
    `Исправленный Отчет по результатам измерения отправлен на повторное согласование (круг ${round}, ${fileLabel(file, version)}).`,
  reject: (round: number, comment: string) => `Отчет по результатам измерения отклонён (круг ${round}). Причина: ${comment}`,
  approve: (round: number, comment: string) =>
    `Отчет по результатам измерения согласован (круг ${round}).${comment ? ` Комментарий: ${comment}` : ''}`,
}

export function reportFixTaskDescription(dealTitle: string, round: number, comment: string): string {
  return [
    `Сделка: ${dealTitle}.`,
    `Отчет по результатам измерения отклонён утверждающим (круг ${round}).`,
    `Причина: ${comment}`,
    'Загрузите исправленный отчет в поле «Отчет по результатам измерения» и отправьте его повторно во вкладке «Согласование».',
  ].join('\n')
}

export function reportSubmittedNotice(dealTitle: string, round: number): string {
  return `Отчет по результатам измерения по сделке «${dealTitle}» ждёт вашего решения (круг ${round}).`
}

export function reportApprovedNotice(dealTitle: string): string {
  return `Отчет по результатам измерения по сделке «${dealTitle}» согласован: отправьте его клиенту.`
}

export function approverTaskTitle(process: 'contract' | 'report', dealTitle: string, round: number): string {
  return `${APPROVER_TASK_TITLES[process]}: ${dealTitle} (круг ${round})`
}

export function approverTaskDescription(process: 'contract' | 'report', dealTitle: string, round: number): string {
  const what = process === 'contract' ? 'Проект договора' : 'Отчет по результатам измерения'
  return [
    `Сделка: ${dealTitle}.`,
    `${what} ждёт вашего решения (круг ${round}).`,
    'Решение принимается во вкладке сделки «Согласование» или в приложении «Согласования»; при отклонении укажите причину.',
    'Задача закроется сама, когда решение будет записано.',
  ].join('\n')
}

export function draftTaskDescription(dealTitle: string): string {
  return [
    `Сделка: ${dealTitle}.`,
    'Подготовьте нестандартный договор и загрузите файл в поле сделки «Проект договора».',
    'Задача закрывается отправкой договора на согласование во вкладке «Согласование»; без файла её закрыть нельзя.',
  ].join('\n')
}

export function fixTaskDescription(dealTitle: string, round: number, comment: string): string {
  return [
    `Сделка: ${dealTitle}.`,
    `Проект договора отклонён утверждающим (круг ${round}).`,
    `Причина: ${comment}`,
    'Загрузите исправленную версию в поле «Проект договора» и отправьте её повторно во вкладке «Согласование».',
  ].join('\n')
}

export function approvedNotice(dealTitle: string): string {
  return `Проект договора по сделке «${dealTitle}» согласован.`
}

export function submittedNotice(dealTitle: string, round: number): string {
  return `Проект договора по сделке «${dealTitle}» ждёт вашего решения (круг ${round}).`
}

export function tripSummary(trip: TripRequestInput): string {
  return `${trip.destination}, ${trip.dateFrom} — ${trip.dateTo}`
}

export function tripRequestDescription(trip: TripRequestInput): string {
  return [
    `Куда: ${trip.destination}`,
    `Даты: ${trip.dateFrom} — ${trip.dateTo}`,
    `Цель: ${trip.purpose}`,
    `Бюджет: ${formatMoney(trip.budget)}`,
    'Решение принимается в приложении («Согласования»).',
  ].join('\n')
}

export function payoutDescription(trip: TripRequestInput, amount: Money, initiatorName: string): string {
  return [
    `Выдать денежные средства на командировку: ${formatMoney(amount)}.`,
    `Сотрудник: ${initiatorName}`,
    `Командировка: ${tripSummary(trip)}`,
    `Цель: ${trip.purpose}`,
  ].join('\n')
}

export function tripDecisionDescription(
  trip: TripRequestInput,
  kind: 'approve' | 'reject',
  reason: string,
  amount: Money | null,
): string {
  return kind === 'approve'
    ? [`Командировка ${tripSummary(trip)} согласована.`, `К выдаче: ${formatMoney(amount ?? trip.budget)}`, ...(reason ? [`Комментарий: ${reason}`] : [])].join('\n')
    : [`Командировка ${tripSummary(trip)} не согласована.`, `Причина: ${reason}`].join('\n')
}

export function tripApprovedNotice(trip: TripRequestInput, amount: Money): string {
  return `Командировка ${tripSummary(trip)} согласована. Бухгалтеру поставлена задача выдать ${formatMoney(amount)}.`
}

export function tripRejectedNotice(trip: TripRequestInput, reason: string): string {
  return `Командировка ${tripSummary(trip)} не согласована. Причина: ${reason}`
}
