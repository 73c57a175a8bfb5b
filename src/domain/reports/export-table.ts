import { minorToNumber } from './format'
import type { GroupRow } from './aggregate'
import type { ReportDeal } from './types'
import { debtOf } from './debt'

/**
 * Tables for CSV and XLSX export: a header and rows of plain values (money as numbers in major
 * units, so Excel can sum them). The same table feeds both formats, so they never disagree.
 */
export type ExportLocale = 'ru' | 'en'
export type ExportValue = string | number | null

export interface ExportTable {
  header: string[]
  rows: ExportValue[][]
  /** which columns hold money (XLSX formats them with two decimals) */
  moneyColumns: number[]
}

const GROUP_HEADER: Record<ExportLocale, string[]> = {
  ru: ['Группа', 'Сделок', 'В работе', 'Выиграно', 'Проиграно', 'Сумма', 'Оплачено', 'Долг', 'Долг: срок не наступил', 'Долг 0–30 дн.', 'Долг 31–60 дн.', 'Долг 61–90 дн.', 'Долг 90+ дн.', 'Сканы получены', 'Оригиналы получены', 'Просроченные дела'],
  en: ['Group', 'Deals', 'Open', 'Won', 'Lost', 'Amount', 'Paid', 'Debt', 'Debt not due', 'Debt 0–30 d', 'Debt 31–60 d', 'Debt 61–90 d', 'Debt 90+ d', 'Scans received', 'Originals received', 'Overdue actions'],
}

export function groupExportTable(rows: readonly GroupRow[], locale: ExportLocale, unnamed: string): ExportTable {
  return {
    header: GROUP_HEADER[locale],
    moneyColumns: [5, 6, 7, 8, 9, 10, 11, 12],
    rows: rows.map((row) => {
      const t = row.totals
      return [
        row.label ?? unnamed,
        t.count,
        t.open,
        t.won,
        t.lost,
        minorToNumber(t.amount),
        minorToNumber(t.paid),
        minorToNumber(t.debt),
        minorToNumber(t.buckets.notDue),
        minorToNumber(t.buckets.d0_30),
        minorToNumber(t.buckets.d31_60),
        minorToNumber(t.buckets.d61_90),
        minorToNumber(t.buckets.d90plus),
        t.scansReceived,
        t.originalsReceived,
        t.overdueActions,
      ]
    }),
  }
}

const DEAL_HEADER: Record<ExportLocale, string[]> = {
  ru: ['ID', 'Название', 'Воронка', 'Стадия', 'Ответственный', 'Сумма', 'Оплачено', 'Долг', 'Валюта', 'Создана', 'Дата закрытия', 'Сканы', 'Оригиналы'],
  en: ['ID', 'Title', 'Pipeline', 'Stage', 'Responsible', 'Amount', 'Paid', 'Debt', 'Currency', 'Created', 'Close date', 'Scans', 'Originals'],
}

export interface DealNames {
  pipeline(categoryId: number): string
  stage(stageId: string): string
  user(userId: number): string
}

export function dealExportTable(deals: readonly ReportDeal[], locale: ExportLocale, names: DealNames): ExportTable {
  const yes = locale === 'ru' ? 'да' : 'yes'
  const no = locale === 'ru' ? 'нет' : 'no'
  return {
    header: DEAL_HEADER[locale],
    moneyColumns: [5, 6, 7],
    rows: deals.map((deal) => [
      deal.id,
      deal.title,
      names.pipeline(deal.categoryId),
      names.stage(deal.stageId),
      names.user(deal.assignedById),
      minorToNumber(deal.amount),
      minorToNumber(deal.paid),
      minorToNumber(debtOf(deal)),
      deal.currency,
      deal.createdIso.slice(0, 10),
      deal.closeIso.slice(0, 10),
      deal.scansReceived ? yes : no,
      deal.originalsReceived ? yes : no,
    ]),
  }
}
