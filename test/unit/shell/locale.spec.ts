// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { en } from '@/ui/locales/en'
import { ru } from '@/ui/locales/ru'
import { localeBeforeFrame, pickLocale } from '@/ui/locale'

// LANG in the init data / handler query (reference §2.4, b24restdocs api-reference/widgets/crm/detail-tab.md).
describe('pickLocale', () => {
  it.each([
    ['ru', 'ru'], ['ua', 'ru'], ['kz', 'ru'], ['by', 'ru'], ['ru-RU', 'ru'],
    ['en', 'en'], ['de', 'en'], ['en-US', 'en'], ['', 'ru'], [null, 'ru'], [undefined, 'ru'],
  ] as const)('%j → %s', (lang, locale) => {
    expect(pickLocale(lang)).toBe(locale)
  })
  it('prefers the handler URL’s LANG over the browser before the frame answers', () => {
    expect(localeBeforeFrame('?DOMAIN=x&LANG=en', 'ru-RU')).toBe('en')
    expect(localeBeforeFrame('', 'en-GB')).toBe('en')
  })
})

describe('shell messages', () => {
  const keys = (value: unknown, prefix = ''): string[] =>
    typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
      : [prefix]
  it('have the same keys in ru and en', () => {
    expect(keys(en).sort()).toEqual(keys(ru).sort())
  })
})
