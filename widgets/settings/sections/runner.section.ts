import type { SettingsSection } from '../section'

/** The app server (runner): connected or not, its address, and connecting it again (README «The runner»). */
const section: SettingsSection = {
  id: 'runner',
  order: 12,
  title: { ru: 'Автоматизация', en: 'Automation' },
  component: () => import('./RunnerSettings.vue'),
}

export default section
