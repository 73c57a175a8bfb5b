// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { connectReply } from '@/domain/install/runner-link'
import { createAppI18n } from '@/ui/i18n'
import { runnerRefusalText } from '@/ui/runner-refusal'

/** The reasons the runner's POST /connect sends (runner/server.ts), as the settings and install screens tell them. */
function told(status: number, body: unknown, locale: 'ru' | 'en'): string {
  const link = connectReply('https://runner.example', status, body)
  if (link.state !== 'refused') throw new Error('expected a refusal')
  const { t } = createAppI18n(locale).global
  return t('install.runner.refused', { reason: runnerRefusalText(t, link.reason) })
}

describe('runner refusal reasons in the user’s language', () => {
  it('says the runner’s English reasons in Russian, never the English itself', () => {
    expect(told(403, { error: 'only a portal administrator can connect the runner' }, 'ru')).toContain('(подключить его может только администратор портала)')
    expect(told(403, { error: 'origin not allowed' }, 'ru')).toContain('(адрес портала не разрешён на сервере приложения)')
    expect(told(400, { error: 'member_id is missing' }, 'ru')).toContain('(сервер не принял данные подключения)')
    expect(told(502, null, 'ru')).toContain('(сервер ответил кодом 502)')
    expect(told(403, { error: 'origin not allowed' }, 'ru')).not.toMatch(/[A-Za-z]{3,}/)
  })

  it('and in English', () => {
    expect(told(403, { error: 'only a portal administrator can connect the runner' }, 'en')).toContain('(only a portal administrator can connect it)')
    expect(told(502, null, 'en')).toContain('(the server answered with code 502)')
  })
})
