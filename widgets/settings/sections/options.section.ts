import type { SettingsSection } from '../section'

const section: SettingsSection = {
  id: 'options',
  order: 100,
  title: { ru: 'Параметры приложения', en: 'App options' },
  component: () => import('./AppOptions.vue'),
}

export default section
