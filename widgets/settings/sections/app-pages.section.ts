import type { SettingsSection } from '../section'

/** Links from the app's own page to its other pages (the approval inbox, a trip request). */
const section: SettingsSection = {
  id: 'app-pages',
  order: 5,
  title: { ru: 'Страницы приложения', en: 'App pages' },
  component: () => import('./AppPages.vue'),
}

export default section
