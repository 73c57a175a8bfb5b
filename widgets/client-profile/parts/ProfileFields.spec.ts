import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { createI18n } from 'vue-i18n'
import { emptyProfileForm, type ProfileForm } from '@/domain/client-profile'
import { NO_CHOICE } from '@/ui/choice-select'
import ProfileFields from './ProfileFields.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-stubs')).kitStub('Button') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Input.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitInputStub('input') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Textarea.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitInputStub('textarea') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Checkbox.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitCheckboxStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/Select.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitSelectStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/SelectMenu.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitSelectMenuStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/Card.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitCardStub() }))

/** The conditional mini-blocks of P3: hidden until ticked, never erased by unticking. */
function mountForm(form: ProfileForm, errors: Record<string, string> = {}) {
  const i18n = createI18n({ legacy: false, locale: 'ru', messages: { ru: {}, en: {} } })
  return mount(ProfileFields, { props: { form, errors }, global: { plugins: [i18n] } })
}

function lastForm(wrapper: ReturnType<typeof mountForm>): ProfileForm {
  const events = wrapper.emitted('update') as [ProfileForm][] | undefined
  const last = events?.at(-1)?.[0]
  if (!last) throw new Error('no update emitted')
  return last
}

describe('ProfileFields conditional blocks', () => {
  it('shows phone and e-mail always and every tick-revealed block only after its tick', async () => {
    const wrapper = mountForm(emptyProfileForm())
    expect(wrapper.find('[data-testid="field-phone"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="field-email"]').exists()).toBe(true)
    for (const key of ['turnover', 'inn', 'companyInfo', 'address', 'contacts', 'position']) {
      expect(wrapper.find(`[data-testid="tick-${key}"]`).exists()).toBe(true)
      expect(wrapper.find(`[data-testid="block-body-${key}"]`).exists()).toBe(false)
    }
    await wrapper.find('[data-testid="tick-inn"]').setValue(true)
    expect(lastForm(wrapper).shown.inn).toBe(true)
    await wrapper.setProps({ form: lastForm(wrapper) })
    expect(wrapper.find('[data-testid="field-inn"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="field-address"]').exists()).toBe(false)
  })

  it('unticking hides a block but keeps what was typed, and says so', async () => {
    const form = { ...emptyProfileForm(), shown: { ...emptyProfileForm().shown, address: true }, address: 'Москва, ул. Косинская, 1' }
    const wrapper = mountForm(form)
    expect((wrapper.find('[data-testid="field-address"]').element as HTMLInputElement).value).toBe('Москва, ул. Косинская, 1')
    await wrapper.find('[data-testid="tick-address"]').setValue(false)
    const hidden = lastForm(wrapper)
    expect(hidden.shown.address).toBe(false)
    expect(hidden.address).toBe('Москва, ул. Косинская, 1')
    await wrapper.setProps({ form: hidden })
    expect(wrapper.find('[data-testid="field-address"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="kept-address"]').exists()).toBe(true)
  })

  it('«Очистить и скрыть» is the one way to erase a block', async () => {
    const form = { ...emptyProfileForm(), shown: { ...emptyProfileForm().shown, position: true }, position: 'Директор' }
    const wrapper = mountForm(form)
    await wrapper.find('[data-testid="clear-position"]').trigger('click')
    expect(lastForm(wrapper)).toMatchObject({ position: '', shown: { position: false } })
  })

  it('ticking ФИО offers the first contact person, and more can be added', async () => {
    const wrapper = mountForm(emptyProfileForm())
    await wrapper.find('[data-testid="tick-contacts"]').setValue(true)
    const ticked = lastForm(wrapper)
    expect(ticked.contacts).toHaveLength(1)
    await wrapper.setProps({ form: ticked })
    expect(wrapper.find('[data-testid="person-0-lastName"]').exists()).toBe(true)
    await wrapper.find('[data-testid="person-add"]').trigger('click')
    expect(lastForm(wrapper).contacts).toHaveLength(2)
  })

  it('shows the sector’s decoding beside the select and the validation message of a field', () => {
    const form = { ...emptyProfileForm(), sector: 'SECTOR_2' as const, shown: { ...emptyProfileForm().shown, inn: true }, inn: '123' }
    const wrapper = mountForm(form, { inn: 'kosProfile.innLength' })
    expect(wrapper.find('[data-testid="sector-description"]').text()).toBe('Заморозка. Рыбная / мясная продукция, овощи, фрукты')
    expect(wrapper.find('[data-testid="error-inn-error"]').text()).toContain('10 цифр')
  })

  it('filters the company profiles by the search text and keeps the chosen one', async () => {
    const wrapper = mountForm({ ...emptyProfileForm(), profile: 'HOTEL' })
    await wrapper.find('[data-search]').setValue('производители импортеры')
    const options = wrapper.findAll('[data-testid="company-profile"] option').map((option) => option.text())
    expect(options).toContain('Производители и импортёры')
    expect(options).toContain('Гостиница')
    expect(options).not.toContain('Вендинг')
    await wrapper.find('[data-testid="company-profile"]').setValue('PRODUCERS_IMPORTERS')
    expect(lastForm(wrapper).profile).toBe('PRODUCERS_IMPORTERS')
    await wrapper.find('[data-testid="company-profile"]').setValue(NO_CHOICE)
    expect(lastForm(wrapper).profile).toBeNull()
  })

  it('the kit selects carry sector, category and the turnover’s unit and year into the form, «не выбрано» as null', async () => {
    const form = { ...emptyProfileForm(), shown: { ...emptyProfileForm().shown, turnover: true } }
    const wrapper = mountForm(form)
    await wrapper.find('[data-testid="sector"]').setValue('SECTOR_3')
    expect(lastForm(wrapper).sector).toBe('SECTOR_3')
    await wrapper.find('[data-testid="category"]').setValue('FISH')
    expect(lastForm(wrapper).category).toBe('FISH')
    await wrapper.find('[data-testid="turnover-unit"]').setValue('THOUSAND_TONNES')
    expect(lastForm(wrapper).turnover.unit).toBe('THOUSAND_TONNES')
    const year = String(new Date().getFullYear() - 1)
    await wrapper.find('[data-testid="turnover-year"]').setValue(year)
    expect(lastForm(wrapper).turnover.year).toBe(Number(year))
    await wrapper.find('[data-testid="turnover-value"]').setValue('1 250,5')
    expect(lastForm(wrapper).turnover.value).toBe('1 250,5')
    await wrapper.find('[data-testid="sector"]').setValue(NO_CHOICE)
    expect(lastForm(wrapper).sector).toBeNull()
  })
})
