import type { SettingsSection } from '../section'

const section: SettingsSection = {
  id: 'setup',
  order: 5,
  title: { ru: 'Что ещё настроить', en: 'Still to set' },
  component: () => import('./SetupChecklist.vue'),
}

export default section
