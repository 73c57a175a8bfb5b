import type { SettingsSection } from '../section'

/** The LEMUS playbook of the «Следующий шаг» tab (N7), edited by admins. */
const section: SettingsSection = {
  id: 'playbook',
  order: 30,
  title: { ru: 'Плейбук «Следующий шаг»', en: 'Next-step playbook' },
  component: () => import('~widgets/next-steps/PlaybookSettings.vue'),
}

export default section
