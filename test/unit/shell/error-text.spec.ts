import { mount } from '@vue/test-utils'
import { AjaxError } from '@bitrix24/b24jssdk'
import { AxiosError } from 'axios'
import { describe, expect, it, vi } from 'vitest'
import { GatewayError, toGatewayError } from '@/b24/gateway'
import { decodeBatchReply } from '@/b24/gateway/batch-wire'
import { errorText, refusalOf } from '@/ui/error-text'
import { createAppI18n } from '@/ui/i18n'
import GatewayErrorAlert from '@/ui/GatewayErrorAlert.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Alert') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Button') }))

/**
 * What SDK 2.2.0 reports for a legacy refusal (crm.deal.update by a manager without rights):
 * HTTP 400 with `{error: "", error_description: "Access denied."}`, which its payload parser
 * skips, so the error says only axios's «Request failed with status code 400».
 */
function legacyRefusal(method: string): AjaxError {
  const response = { status: 400, statusText: 'Bad Request', headers: {}, config: {} as never, data: { error: '', error_description: 'Access denied.' } }
  const axios = new AxiosError('Request failed with status code 400', 'ERR_BAD_REQUEST', undefined, undefined, response)
  return new AjaxError({ code: 'ERR_BAD_REQUEST', description: axios.message, status: 400, requestInfo: { method, params: {} }, originalError: axios })
}

const t = (locale: 'ru' | 'en') => createAppI18n(locale).global.t as (key: string, params?: Record<string, unknown>) => string

describe('a refusal in words (issue 16)', () => {
  it('reads the portal’s «Access denied.» out of the 400 the SDK reduced to an axios message', () => {
    const error = toGatewayError(legacyRefusal('crm.deal.update'))
    expect(error.kind).toBe('access')
    expect(error.description).toBe('Access denied.')
    expect(error.method).toBe('crm.deal.update')
  })

  it('says what may not be done and who can, in ru and en', () => {
    const error = toGatewayError(legacyRefusal('crm.deal.update'))
    expect(errorText(error, t('ru'))).toBe('Недостаточно прав на изменение этой сделки. Изменить её может ответственный или руководитель отдела.')
    expect(errorText(error, t('en'))).toBe('You do not have the rights to change this deal. Its responsible or the head of the department can change it.')
    expect(errorText(new GatewayError('access', 'ACCESS_DENIED', 'Access denied', 0, 'app.option.set'), t('ru'))).toContain('администратор портала')
  })

  it('a refusal inside a batch keeps its command’s method', () => {
    const reply = decodeBatchReply({ save: ['crm.deal.update', { id: 7 }] }, { result: {}, result_error: { save: { error: '', error_description: 'Access denied.' } } })
    expect(reply.errors.save?.kind).toBe('access')
    expect(refusalOf(reply.errors.save?.method)).toBe('dealEdit')
  })

  it('names the refused action by its method', () => {
    expect(refusalOf('crm.deal.update')).toBe('dealEdit')
    expect(refusalOf('crm.timeline.comment.add')).toBe('dealEdit')
    expect(refusalOf('crm.deal.get')).toBe('dealRead')
    expect(refusalOf('tasks.task.add')).toBe('task')
    expect(refusalOf('user.get')).toBe('other')
    expect(refusalOf(undefined)).toBe('other')
  })

  it('never shows the SDK’s own text for a failure the portal did not explain', () => {
    const bare = toGatewayError(new AjaxError({ code: 'ERR_BAD_RESPONSE', description: 'Request failed with status code 500', status: 500 }))
    expect(bare.kind).toBe('unknown')
    expect(errorText(bare, t('ru'))).not.toContain('Request failed')
    expect(errorText(bare, t('ru'))).toContain('Портал не выполнил запрос')
    expect(errorText(new GatewayError('unknown', 'ERROR_CORE', 'Сделка закрыта'), t('ru'))).toBe('Ошибка портала: Сделка закрыта')
  })

  it('the alert shows it so', () => {
    for (const locale of ['ru', 'en'] as const) {
      const wrapper = mount(GatewayErrorAlert, { props: { error: toGatewayError(legacyRefusal('crm.deal.update')) }, global: { plugins: [createAppI18n(locale)] } })
      const text = wrapper.get('[data-kit=Alert]').text()
      expect(text).toContain(locale === 'ru' ? 'Изменить её может ответственный или руководитель отдела' : 'Its responsible or the head of the department can change it')
      expect(text).not.toContain('Request failed')
      expect(text).not.toContain('400')
    }
  })
})
