import { registerMessageCompiler } from '@intlify/core-base'
import { createI18n } from 'vue-i18n'
import { en } from './locales/en'
import { ru } from './locales/ru'
import { compileMessage } from './message-compiler'
import type { AppLocale } from './locale'

// Every composer (the app's and each widget's `useI18n({ messages })`) reads its texts with the
// app's own small compiler: the build leaves vue-i18n's out (see message-compiler.ts).
registerMessageCompiler(compileMessage)

export function createAppI18n(locale: AppLocale = 'ru') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'ru',
    messages: { ru, en },
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>
