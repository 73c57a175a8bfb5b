import type { SettingsSection } from '../section'

const section: SettingsSection = {
  id: 'approvals',
  order: 40,
  title: { ru: 'Согласования', en: 'Approvals' },
  component: () => import('./ApprovalSettings.vue'),
}

export default section
