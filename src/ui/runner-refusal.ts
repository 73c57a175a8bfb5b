type Translate = (key: string, params?: Record<string, unknown>) => string

export type RunnerRefusalKind = 'origin' | 'notAdmin' | 'status' | 'data'

/**
 * Why the app server refused to connect, from the reason it sent (its own English, or
 * `HTTP <code>` when it sent none), so the screen says it in the person's language.
 */
export function runnerRefusalKind(reason: string): RunnerRefusalKind {
  if (/origin/i.test(reason)) return 'origin'
  if (/administrator/i.test(reason)) return 'notAdmin'
  if (/^HTTP \d+$/.test(reason)) return 'status'
  return 'data'
}

export function runnerRefusalText(t: Translate, reason: string): string {
  return t(`runnerRefusal.${runnerRefusalKind(reason)}`, { status: reason.replace(/^HTTP /, '') })
}
