import type { SettingsSection } from '../section'

/** The deals report on the app's own page (DEFAULT), for heads who open the app from the menu. */
const section: SettingsSection = {
  id: 'reports',
  order: 50,
  title: { ru: 'Отчёты для руководителей', en: 'Reports for heads' },
  component: () => import('~widgets/reports/ReportsSection.vue'),
}

export default section
