// The app's language, picked before vue-i18n loads: the page's first script (src/main.ts) needs it
// for the frame's handshake, and must not wait for the Vue app to know it.

export type AppLocale = 'ru' | 'en'

// Bitrix24 language ids whose users read Russian more readily than English.
const RUSSIAN_READERS = new Set(['ru', 'by', 'kz', 'ua'])

/** Portal `LANG` (or a browser tag like `ru-RU`) → one of the app's locales; ru first. */
export function pickLocale(lang: string | null | undefined): AppLocale {
  const base = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? ''
  if (base === '') return 'ru'
  return RUSSIAN_READERS.has(base) ? 'ru' : 'en'
}

/** Language to use before (or without) the frame: the handler URL's `LANG`, then the browser's. */
export function localeBeforeFrame(search: string, browserLanguage: string | undefined): AppLocale {
  const fromUrl = new URLSearchParams(search).get('LANG')
  return pickLocale(fromUrl ?? browserLanguage)
}
