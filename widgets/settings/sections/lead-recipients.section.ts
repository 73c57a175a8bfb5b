import type { SettingsSection } from '../section'

/** L3: who hears of a new web-form lead, per object type (the component lives with the lead tab). */
const section: SettingsSection = {
  id: 'lead-recipients',
  order: 60,
  title: { ru: 'Получатели уведомлений о новых лидах', en: 'New lead notification recipients' },
  component: () => import('~widgets/lead-processing/LeadRecipientsSettings.vue'),
}

export default section
