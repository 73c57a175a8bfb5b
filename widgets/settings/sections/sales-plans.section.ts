import type { SettingsSection } from '../section'

/** Monthly sales plans per department and employee (issue 15): the report's «План / факт» holds them against won deals. */
const section: SettingsSection = {
  id: 'sales-plans',
  order: 55,
  title: { ru: 'Планы продаж', en: 'Sales plans' },
  component: () => import('~widgets/reports/settings/PlansSection.vue'),
}

export default section
