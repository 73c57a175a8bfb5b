import { en, ru } from 'zod/locales'
import type { z } from 'zod/mini'
import type { LocalizedText } from '@/domain/fields/types'
import { nearestHint } from './nearest'
import { PlaybookSchema, SCHEMA_MESSAGES } from './schema'
import type { Playbook } from './schema'

/**
 * The playbook is kept as one app option (app.option.set) and read by every «Следующий шаг» tab
 * in its opening batch; the default one is about 21 000 characters as JSON (43 000 indented).
 * 200 000 leaves room for several times more pipelines and keeps every tab's first read small.
 */
export const PLAYBOOK_JSON_MAX = 200_000

export interface PlaybookError {
  /** e.g. `pipelines[1].stages[3].steps[0].deadline.hours` */
  path: string
  message: LocalizedText
  /** `path: message` in each language, ready to show. */
  text: LocalizedText
}

export type ParsePlaybookResult = { ok: true; playbook: Playbook } | { ok: false; errors: PlaybookError[] }

type Lang = keyof LocalizedText

const LOCALES = { ru: ru(), en: en() } as const

export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out === '' ? '(root)' : out
}

/** An error at `path`, with `path: message` ready to show in each language. */
export function playbookError(path: string, message: LocalizedText): PlaybookError {
  return { path, message, text: { ru: `${path}: ${message.ru}`, en: `${path}: ${message.en}` } }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined
  return value
}

/** For a value outside a fixed list (a field key, a kind), the allowed one closest to what was written. */
function suggestion(issue: z.core.$ZodIssue, root: unknown): LocalizedText {
  if (issue.code !== 'invalid_value') return { ru: '', en: '' }
  const given = valueAt(root, issue.path)
  const allowed = issue.values.filter((v): v is string => typeof v === 'string')
  return typeof given === 'string' && allowed.length > 1 ? nearestHint(given, allowed) : { ru: '', en: '' }
}

function messageIn(lang: Lang): z.core.$ZodErrorMap {
  return (issue) => {
    const params = (issue as { params?: Partial<LocalizedText> }).params
    if (issue.code === 'custom' && params?.[lang]) return params[lang]
    // The Russian locale drops the list of allowed kinds; name them as English does.
    const options = (issue as { options?: unknown[] }).options
    if (lang === 'ru' && issue.code === 'invalid_union' && Array.isArray(options) && options.length > 0) {
      return `Неверное значение: ожидалось ${options.map((o) => `'${String(o)}'`).join(' | ')}`
    }
    return LOCALES[lang].localeError(issue)
  }
}

function translateOwn(message: string, lang: Lang): string {
  if (!message.startsWith('@')) return message
  const key = message.slice(1) as keyof typeof SCHEMA_MESSAGES
  return SCHEMA_MESSAGES[key]?.[lang] ?? message
}

/**
 * Checks a playbook given as JSON text or as a parsed value. Errors point at the path of
 * the problem, in Russian and English; the caller keeps its previous playbook on failure.
 */
export function parsePlaybook(json: unknown): ParsePlaybookResult {
  let value = json
  if (typeof json === 'string' && json.length > PLAYBOOK_JSON_MAX) {
    const message = {
      ru: 'Плейбук длиннее 200 000 символов: сократите его',
      en: 'The playbook is longer than 200,000 characters: shorten it',
    }
    return { ok: false, errors: [playbookError('(root)', message)] }
  }
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json)
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      const message = { ru: `Это не JSON: ${detail}`, en: `Not JSON: ${detail}` }
      return { ok: false, errors: [playbookError('(root)', message)] }
    }
  }
  const first = PlaybookSchema.safeParse(value, { error: messageIn('ru') })
  if (first.success) return { ok: true, playbook: first.data }
  // The same input fails the same way; the second run only words the issues in English.
  const second = PlaybookSchema.safeParse(value, { error: messageIn('en') })
  const english = second.success ? [] : second.error.issues
  const errors = first.error.issues.map((issue, index): PlaybookError => {
    const hint = suggestion(issue, value)
    return playbookError(formatPath(issue.path), {
      ru: translateOwn(issue.message, 'ru') + hint.ru,
      en: translateOwn(english[index]?.message ?? issue.message, 'en') + hint.en,
    })
  })
  return { ok: false, errors }
}
