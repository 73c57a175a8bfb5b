import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { createAppI18n } from '@/ui/i18n'
import FieldError from '~widgets/client-profile/parts/FieldError.vue'
import InputError from '~widgets/lead-processing/parts/InputError.vue'
import TransitionForm from '~widgets/lead-processing/parts/TransitionForm.vue'
import SaleKindField from '~widgets/sale-items/parts/SaleKindField.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('../shell/kit-stubs')).kitStub('Button') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Card.vue', async () => ({ default: (await import('../shell/kit-form-stubs')).kitCardStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/InputDate.vue', async () => ({ default: (await import('../shell/kit-form-stubs')).kitInputDateStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/Input.vue', async () => ({ default: (await import('../shell/kit-form-stubs')).kitInputStub('input') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Textarea.vue', async () => ({ default: (await import('../shell/kit-form-stubs')).kitInputStub('textarea') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Select.vue', async () => ({ default: (await import('../shell/kit-form-stubs')).kitSelectStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/RadioGroup.vue', async () => ({ default: (await import('../shell/kit-form-stubs')).kitRadioGroupStub() }))

const ZOD_ENGLISH = 'Invalid input: expected string, received undefined'

describe('lead tab: validation messages', () => {
  it.each(['ru', 'en'] as const)('shows texts, never keys (%s)', (locale) => {
    const wrapper = mount(TransitionForm, {
      props: { to: 'PROCESSED', input: {}, busy: false, errors: { outcome: 'kosLead.outcomeRequired', outcomeDate: 'kosLead.dateRequired', result: 'kosLead.resultRequired' } },
      global: { plugins: [createAppI18n(locale)] },
    })
    expect(wrapper.text()).not.toContain('kosLead.')
    expect(wrapper.find('[data-testid="error-result-error"]').text()).toContain(locale === 'ru' ? 'Выберите результат' : 'Choose the result')
    // A missing date is said in words beside the kit's date field, which is marked invalid.
    expect(wrapper.find('[data-testid="error-outcomeDate-error"]').text()).toBe(locale === 'ru' ? 'Укажите дату обработки' : 'Enter the processing date')
    expect(wrapper.find('[data-testid="outcome-date"]').attributes('aria-invalid')).toBe('true')
  })

  it('the processing date is typed into the kit date field and reaches the form as ISO text', async () => {
    const wrapper = mount(TransitionForm, { props: { to: 'NEEDS', input: { firstDate: '2026-05-20' }, busy: false, errors: {} }, global: { plugins: [createAppI18n('ru')] } })
    const field = wrapper.find<HTMLInputElement>('[data-testid="first-date"]')
    expect(field.element.value).toBe('2026-05-20')
    expect(field.attributes('data-locale')).toBe('ru-RU')
    await field.setValue('2026-05-21')
    await field.setValue('2026-05')
    expect(wrapper.emitted('edit')).toEqual([[{ firstDate: '2026-05-21' }], [{ firstDate: '' }]])
  })
})

describe('a message that is no key (a library’s English) falls back to our text', () => {
  const mountIn = <T>(component: T, props: Record<string, unknown>, locale: 'ru' | 'en' = 'ru') =>
    mount(component as any, { props, global: { plugins: [createAppI18n(locale)] } })

  it('in the lead tab', () => {
    expect(mountIn(InputError, { id: 'x', error: ZOD_ENGLISH }).text()).toBe('Значение не подходит: проверьте поле.')
    expect(mountIn(InputError, { id: 'x', error: ZOD_ENGLISH }, 'en').text()).toBe('This value does not fit: check the field.')
    expect(mountIn(InputError, { id: 'x', error: 'kosLead.dateRequired' }).text()).toBe('Укажите дату обработки')
  })

  it('in the client profile', () => {
    expect(mountIn(FieldError, { id: 'x', error: ZOD_ENGLISH }).text()).toBe('Значение не подходит: проверьте поле.')
  })

  it('in the sale tab', () => {
    expect(mountIn(SaleKindField, { modelValue: null, error: ZOD_ENGLISH }).text()).toContain('Значение не подходит: проверьте поле.')
    expect(mountIn(SaleKindField, { modelValue: null, error: ZOD_ENGLISH }).text()).not.toContain('Invalid input')
  })
})
