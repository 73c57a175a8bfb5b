import type { Lang } from './session'

/** Interface text of the portal pages: Russian first, English second. */
const TEXTS = {
  portal: ['Битрикс24 · песочница', 'Bitrix24 · sandbox'],
  home: ['Главная', 'Home'],
  crm: ['CRM', 'CRM'],
  deals: ['Сделки', 'Deals'],
  companies: ['Компании', 'Companies'],
  leads: ['Лиды', 'Leads'],
  contacts: ['Контакты', 'Contacts'],
  application: ['Приложение', 'Application'],
  appPages: ['Страницы приложения', 'App pages'],
  currentUser: ['Текущий пользователь', 'Current user'],
  admin: ['администратор', 'administrator'],
  notifications: ['Уведомления', 'Notifications'],
  noNotifications: ['Уведомлений нет', 'No notifications'],
  installState: ['Состояние приложения', 'App state'],
  installed: ['Установлено', 'Installed'],
  notInstalled: ['Не установлено: откройте «Приложение» администратором, чтобы установить', 'Not installed: open «Application» as an administrator to install it'],
  general: ['Общие', 'General'],
  notFound: ['Страница не найдена', 'Page not found'],
  entityNotFound: ['Элемент не найден', 'Item not found'],
  page: ['Страница', 'Page'],
  of: ['из', 'of'],
  prev: ['← Назад', '← Previous'],
  next: ['Вперёд →', 'Next →'],
  empty: ['Пусто', 'Empty'],
  messageLog: ['Журнал сообщений', 'Message log'],
  clear: ['Очистить', 'Clear'],
  language: ['Язык', 'Language'],
  userFields: ['Пользовательские поля', 'Custom fields'],
  placementNotFound: ['Встройка не найдена', 'Placement not found'],
  notInstalledYet: ['Приложение ещё не установлено', 'The app is not installed yet'],
  close: ['Закрыть', 'Close'],
  select: ['Выбрать', 'Select'],
  cancel: ['Отмена', 'Cancel'],
  search: ['Поиск', 'Search'],
} as const

export type TextKey = keyof typeof TEXTS

export function t(lang: Lang, key: TextKey): string {
  return TEXTS[key][lang === 'en' ? 1 : 0]
}
