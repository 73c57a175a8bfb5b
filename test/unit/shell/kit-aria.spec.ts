import { afterEach, describe, expect, it } from 'vitest'
import { localizeKitAria, watchKitAria, type KitAriaWatch } from '@/ui/kit-aria'
import { createAppI18n } from '@/ui/i18n'

// The markup reka-ui writes under the kit, with its English words (node_modules/reka-ui/dist:
// Toast/ToastViewport.js, date/useDateField.js; the kit's components/Skeleton.vue).
const REKA = `
  <div role="region" aria-label="Notifications (F8)" tabindex="-1"><ol data-slot="viewport" tabindex="-1"></ol></div>
  <div role="group" data-slot="base">
    <div role="spinbutton" data-reka-date-field-segment="day" aria-label="day," aria-valuetext="Empty">дд</div>
    <div data-reka-date-field-segment="literal" aria-hidden="true">.</div>
    <div role="spinbutton" data-reka-date-field-segment="month" aria-label="month, " aria-valuetext="5 - май">05</div>
    <div role="spinbutton" data-reka-date-field-segment="year" aria-label="year, " aria-valuetext="2026">2026</div>
  </div>
  <div aria-busy="true" aria-label="loading" aria-live="polite" role="alert" data-slot="base"></div>
  <section role="region" aria-label="Профиль"><p>Своя область приложения</p></section>
`

const tOf = (locale: 'ru' | 'en') => createAppI18n(locale).global.t as (key: string, values?: Record<string, unknown>) => string
const label = (selector: string) => document.querySelector(selector)?.getAttribute('aria-label')
const valueText = (part: string) => document.querySelector(`[data-reka-date-field-segment="${part}"]`)?.getAttribute('aria-valuetext')
/** MutationObserver calls back in a microtask. */
const observed = () => new Promise((resolve) => setTimeout(resolve, 0))

let watching: KitAriaWatch | null = null
afterEach(() => {
  watching?.stop()
  watching = null
  document.body.innerHTML = ''
})

describe('reka-ui\'s English ARIA words under the kit, in the person\'s language', () => {
  it('names the toasts\' region, the date field\'s parts and a skeleton in Russian, and leaves the app\'s own labels alone', () => {
    document.body.innerHTML = REKA
    localizeKitAria(document.body, tOf('ru'))
    expect(label('[role="region"][tabindex]')).toBe('Уведомления (F8)')
    expect(['day', 'month', 'year'].map((part) => label(`[data-reka-date-field-segment="${part}"]`))).toEqual(['день', 'месяц', 'год'])
    expect(valueText('day')).toBe('пусто')
    expect(valueText('month')).toBe('5 - май')
    expect(label('[aria-busy="true"]')).toBe('Загрузка')
    expect(label('section')).toBe('Профиль')
    expect(document.querySelector('[data-reka-date-field-segment="literal"]')?.hasAttribute('aria-label')).toBe(false)
  })

  it('catches what the kit adds later (a dialog\'s date field) and the words reka writes again (a part emptied)', async () => {
    watching = watchKitAria(document.body, tOf('ru'))
    const dialog = document.createElement('div')
    dialog.innerHTML = REKA
    document.body.append(dialog)
    await observed()
    expect(label('[data-reka-date-field-segment="year"]')).toBe('год')
    expect(label('[role="region"][tabindex]')).toBe('Уведомления (F8)')

    const month = document.querySelector('[data-reka-date-field-segment="month"]')!
    month.setAttribute('aria-valuetext', 'Empty')
    month.setAttribute('aria-label', 'month, ')
    await observed()
    expect(valueText('month')).toBe('пусто')
    expect(label('[data-reka-date-field-segment="month"]')).toBe('месяц')
  })

  it('speaks English in an English tab, and turns to the language the frame tells later', async () => {
    document.body.innerHTML = REKA
    watching = watchKitAria(document.body, tOf('ru'))
    watching.relocalize(tOf('en'))
    expect(label('[role="region"][tabindex]')).toBe('Notifications (F8)')
    expect(label('[data-reka-date-field-segment="day"]')).toBe('day')
    expect(valueText('day')).toBe('empty')
    expect(label('[aria-busy="true"]')).toBe('Loading')
  })
})
