import type { SettingsSection } from '../section'

/** The weekly digest the runner sends each department head (issue 15): on or off, weekday and hour. */
const section: SettingsSection = {
  id: 'digest',
  order: 55,
  title: { ru: 'Еженедельная сводка руководителям', en: 'Weekly digest to heads' },
  component: () => import('./DigestSettings.vue'),
}

export default section
