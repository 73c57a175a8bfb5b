import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { createAppI18n } from '@/ui/i18n'
import TransitionForm from '~widgets/lead-processing/parts/TransitionForm.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('../shell/kit-stubs')).kitStub('Button') }))

describe('lead tab: validation messages', () => {
  it.each(['ru', 'en'] as const)('shows texts, never keys (%s)', (locale) => {
    const wrapper = mount(TransitionForm, {
      props: { to: 'PROCESSED', input: {}, busy: false, errors: { outcome: 'kosLead.outcomeRequired', outcomeDate: 'kosLead.dateRequired', result: 'kosLead.resultRequired' } },
      global: { plugins: [createAppI18n(locale)] },
    })
    expect(wrapper.text()).not.toContain('kosLead.')
    expect(wrapper.find('[data-testid="error-result-error"]').text()).toContain(locale === 'ru' ? 'Выберите результат' : 'Choose the result')
  })
})
