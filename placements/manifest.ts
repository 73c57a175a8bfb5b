import type { Component } from 'vue'
import type { ScreenCommands } from '@/b24/gateway'
import type { PlacementContext } from '@/b24/placement-context'

/**
 * Every place the app lives in the portal. Adding a widget is one entry here: the
 * install flow binds it, the shell shows it, the size report measures it.
 * One placement code may appear several times (two deal-card tabs): the handler URL's
 * `widget=<id>` tells them apart.
 */
export interface LocalizedTitle {
  ru: string
  en: string
}

export interface WidgetEntry {
  /** Folder under widgets/ and the `widget` query parameter of its handler. */
  id: string
  /** Bitrix24 placement code; `DEFAULT` is the app's own page (not bound). */
  placement: string
  /** Query string of the handler URL: `widget=<id>`. */
  handlerQuery: string
  titles: LocalizedTitle
  /** The widget's root component, a lazy chunk of its own. */
  load: () => Promise<{ default: Component }>
  /**
   * The batch the widget reads first, from the placement alone (a small chunk of its own): the shell
   * sends it as soon as the frame is ready, while the widget's chunk still loads, and the widget's own
   * read takes its reply.
   */
  opening?: () => Promise<OpeningRead>
}

/** The opening batch for a placement; null when the placement does not say enough (no card ID). */
export type OpeningRead = (context: PlacementContext) => ScreenCommands | null

function widget(entry: Omit<WidgetEntry, 'handlerQuery'>): WidgetEntry {
  return { ...entry, handlerQuery: `widget=${entry.id}` }
}

export const DEFAULT_PLACEMENT = 'DEFAULT'

/** A card tab's opening read: the card's record by its ID, none without one. */
const ofCard =
  (commands: (id: number) => ScreenCommands): OpeningRead =>
  ({ entityId }) =>
    entityId === null ? null : commands(entityId)

/** The report page and its links read the same first batch, as do the approvals pages (the inbox's). */
const reportOpening = () => import('~widgets/reports/data').then(({ metaScreen }): OpeningRead => metaScreen)
const inboxOpening = () => import('~widgets/approvals/data').then(({ inboxCommands }): OpeningRead => inboxCommands)

export const manifest: readonly WidgetEntry[] = [
  widget({
    id: 'settings',
    placement: DEFAULT_PLACEMENT,
    titles: { ru: 'Настройки виджетов', en: 'Widget settings' },
    load: () => import('~widgets/settings/SettingsWidget.vue'),
  }),
  widget({
    id: 'next-steps',
    placement: 'CRM_DEAL_DETAIL_TAB',
    titles: { ru: 'Следующий шаг', en: 'Next step' },
    load: () => import('~widgets/next-steps/NextStepsWidget.vue'),
    opening: () => import('@/b24/deal-screen/data').then(({ dealScreenCommands }) => ofCard(dealScreenCommands)),
  }),
  widget({
    id: 'reports',
    placement: 'CRM_ANALYTICS_MENU',
    titles: { ru: 'Отчёт по сделкам', en: 'Deals report' },
    load: () => import('~widgets/reports/ReportsWidget.vue'),
    opening: reportOpening,
  }),
  // A link to a report view (src/domain/reports/report-view.ts: /marketplace/view/<app>/?params[view]=…)
  // opens the report page through REST_APP_URI, the portal's placement for links to an app.
  widget({
    id: 'reports-link',
    placement: 'REST_APP_URI',
    titles: { ru: 'Отчёт по сделкам', en: 'Deals report' },
    load: () => import('~widgets/reports/ReportsWidget.vue'),
    opening: reportOpening,
  }),
  widget({
    id: 'summary',
    placement: 'CRM_COMPANY_DETAIL_TAB',
    titles: { ru: 'Сводка', en: 'Summary' },
    load: () => import('~widgets/summary/SummaryWidget.vue'),
    opening: () => import('~widgets/summary/data').then(({ summaryScreenCommands }) => ofCard(summaryScreenCommands)),
  }),
  widget({
    id: 'sale-items',
    placement: 'CRM_DEAL_DETAIL_TAB',
    titles: { ru: 'Продажа', en: 'Sale' },
    load: () => import('~widgets/sale-items/SaleItemsTab.vue'),
    opening: () => import('~widgets/sale-items/data').then(({ saleScreenCommands }) => ofCard(saleScreenCommands)),
  }),
  widget({
    id: 'approvals',
    placement: 'LEFT_MENU',
    titles: { ru: 'Согласования', en: 'Approvals' },
    load: () => import('~widgets/approvals/ApprovalsInbox.vue'),
    opening: inboxOpening,
  }),
  widget({
    id: 'approvals-trip',
    placement: 'LEFT_MENU',
    titles: { ru: 'Командировка', en: 'Business trip' },
    load: () => import('~widgets/approvals/TripRequestPage.vue'),
    opening: inboxOpening,
  }),
  widget({
    id: 'approvals-deal',
    placement: 'CRM_DEAL_DETAIL_TAB',
    titles: { ru: 'Согласование', en: 'Approval' },
    load: () => import('~widgets/approvals/DealApprovalTab.vue'),
    opening: () => import('~widgets/approvals/data').then(({ dealTabCommands }) => ofCard(dealTabCommands)),
  }),
  widget({
    id: 'approvals-home',
    placement: DEFAULT_PLACEMENT,
    titles: { ru: 'Согласования', en: 'Approvals' },
    load: () => import('~widgets/approvals/ApprovalsInbox.vue'),
    opening: inboxOpening,
  }),
  widget({
    id: 'client-profile',
    placement: 'CRM_COMPANY_DETAIL_TAB',
    titles: { ru: 'Профиль клиента', en: 'Client profile' },
    load: () => import('~widgets/client-profile/ClientProfileWidget.vue'),
    opening: () => import('~widgets/client-profile/data').then(({ profileScreenCommands }) => ofCard(profileScreenCommands)),
  }),
  widget({
    id: 'lead-processing',
    placement: 'CRM_LEAD_DETAIL_TAB',
    titles: { ru: 'Обработка лида', en: 'Lead processing' },
    load: () => import('~widgets/lead-processing/LeadProcessingWidget.vue'),
    opening: () => import('~widgets/lead-processing/data').then(({ leadScreenCommands }) => ofCard(leadScreenCommands)),
  }),
]

/** Entries the install flow binds with `placement.bind` (all but the app's own page). */
export function bindableEntries(entries: readonly WidgetEntry[] = manifest): WidgetEntry[] {
  return entries.filter((entry) => entry.placement !== DEFAULT_PLACEMENT)
}
