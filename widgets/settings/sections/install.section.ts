import type { SettingsSection } from '../section'

const section: SettingsSection = {
  id: 'install',
  order: 10,
  title: { ru: 'Установка', en: 'Installation' },
  component: () => import('./InstallStatus.vue'),
}

export default section
