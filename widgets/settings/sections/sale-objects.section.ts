import type { SettingsSection } from '../section'

/** The objects directory of the «Продажа» tab (admins edit, everyone reads). */
const section: SettingsSection = {
  id: 'sale-objects',
  order: 30,
  title: { ru: 'Справочник объектов', en: 'Objects directory' },
  component: () => import('~widgets/sale-items/settings/ObjectsDirectorySection.vue'),
}

export default section
