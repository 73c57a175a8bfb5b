import { registerMessageCompiler } from '@intlify/core-base'
import { createI18n } from 'vue-i18n'
import { en } from './locales/en'
import { ru } from './locales/ru'
import { compileMessage } from './message-compiler'

// Every composer (the app's and each widget's `useI18n({ messages })`) reads its texts with the
// app's own small compiler: the build leaves vue-i18n's out (see message-compiler.ts).
registerMessageCompiler(compileMessage)

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

export function createAppI18n(locale: AppLocale = 'ru') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'ru',
    messages: { ru, en },
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>
