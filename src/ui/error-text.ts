import { portalDetail } from '@/b24/gateway/errors'

/** What a refused request wanted to do, which says who may do it instead. */
export type Refusal = 'dealEdit' | 'dealRead' | 'task' | 'settings' | 'other'

const DEAL_EDIT = /^crm\.(deal\.(update|delete|productrows\.set|contact\.|userfield\.)|timeline\.comment\.(add|update|delete)|activity\.(add|update|delete|todo\.)|item\.(update|delete|productrow\.)|automation\.trigger)/
const DEAL_READ = /^crm\.(deal\.(get|list|productrows\.get)|item\.(get|list)|timeline\.comment\.(get|list))/

export function refusalOf(method: string | undefined): Refusal {
  const name = (method ?? '').toLowerCase()
  if (DEAL_EDIT.test(name)) return 'dealEdit'
  if (DEAL_READ.test(name)) return 'dealRead'
  if (name.startsWith('tasks.task.')) return 'task'
  if (name === 'app.option.set') return 'settings'
  return 'other'
}

export interface FailureLike {
  kind: string
  code: string
  description: string
  method?: string
}

type Translate = (key: string, params?: Record<string, unknown>) => string

const TOLD_BY_KIND = new Set(['notFound', 'limit', 'network', 'expired', 'conflict'])

/**
 * A failed request in the person's words: a refusal says what he may not do and who can;
 * an unknown failure shows the portal's own text, never the SDK's «Request failed with status code 400».
 */
export function errorText(failure: FailureLike, t: Translate): string {
  if (failure.kind === 'access') return t(`errors.denied.${refusalOf(failure.method)}`)
  if (TOLD_BY_KIND.has(failure.kind)) return t(`errors.${failure.kind}`)
  const detail = portalDetail(failure.description)
  return detail ? t('errors.unknown', { detail }) : t('errors.failed')
}
