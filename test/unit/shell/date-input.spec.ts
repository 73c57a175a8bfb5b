import { CalendarDate, CalendarDateTime } from '@internationalized/date'
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { fromDateValue, toDateValue } from '@/ui/date-input'
import DateInput from '@/ui/DateInput.vue'
import { createAppI18n } from '@/ui/i18n'

vi.mock('@bitrix24/b24ui-nuxt/components/InputDate.vue', async () => ({ default: (await import('./kit-form-stubs')).kitInputDateStub() }))

describe('the kit date field over ISO text', () => {
  it('reads a calendar day and a day with its time', () => {
    expect(toDateValue('2026-05-20', false)).toEqual(new CalendarDate(2026, 5, 20))
    expect(toDateValue('2026-05-20T10:30', true)).toEqual(new CalendarDateTime(2026, 5, 20, 10, 30))
    // A day field given a date-time keeps the day; a time field given a day starts at midnight.
    expect(toDateValue('2026-05-20T10:30:00+03:00', false)).toEqual(new CalendarDate(2026, 5, 20))
    expect(toDateValue('2026-05-20', true)).toEqual(new CalendarDateTime(2026, 5, 20, 0, 0))
  })

  it('shows nothing for text that is no whole date, rather than another day', () => {
    for (const text of ['', '   ', null, undefined, '20.05.2026', '2026-02-31', '2026-13-01', '2026-05-20T24:00']) expect(toDateValue(text, text === '2026-05-20T24:00')).toBeNull()
  })

  it('writes the ISO text the forms check (no seconds), and \'\' while not every part is typed', () => {
    expect(fromDateValue(new CalendarDate(2026, 5, 20), false)).toBe('2026-05-20')
    expect(fromDateValue(new CalendarDateTime(2026, 5, 20, 9, 5), true)).toBe('2026-05-20T09:05')
    expect(fromDateValue(new CalendarDate(999, 1, 2), false)).toBe('0999-01-02')
    expect(fromDateValue(undefined, true)).toBe('')
    expect(fromDateValue(null, false)).toBe('')
  })

  it.each([
    ['ru', 'ru-RU'],
    ['en', 'en-GB'],
  ] as const)('gives the kit the language the app formats dates in (%s → %s), the model staying ISO', async (locale, tag) => {
    const wrapper = mount(DateInput, { props: { modelValue: '2026-05-20', withTime: false }, global: { plugins: [createAppI18n(locale)] } })
    const input = wrapper.find('input')
    expect(input.attributes('data-locale')).toBe(tag)
    expect(input.element.value).toBe('2026-05-20')
    await input.setValue('2027-01-18')
    await input.setValue('2027-01')
    expect(wrapper.emitted('update:modelValue')).toEqual([['2027-01-18'], ['']])
  })

  it('with the time, keeps minutes', async () => {
    const wrapper = mount(DateInput, { props: { modelValue: '2026-05-20T10:00', withTime: true }, global: { plugins: [createAppI18n('ru')] } })
    expect(wrapper.find('input').element.value).toBe('2026-05-20T10:00')
    await wrapper.find('input').setValue('2030-05-20T12:00')
    expect(wrapper.emitted('update:modelValue')).toEqual([['2030-05-20T12:00']])
  })
})
