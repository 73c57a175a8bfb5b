import type { z } from 'zod/mini'

/** Messages trees look like `{ ru: { ns: { key: text } }, en: … }`. */
export type MessageTree = { readonly [key: string]: string | MessageTree }

/** Resolves `ns.key` in a locale's tree; undefined when missing (tests use it to prove every key has a text). */
export function lookupMessage(tree: MessageTree, key: string): string | undefined {
  let node: string | MessageTree | undefined = tree
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** Field path («contacts.0.firstName») → the first i18n key reported for it. */
export type FieldErrors = Record<string, string>

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors }

export function toFieldErrors(error: z.core.$ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.')
    errors[path] ??= issue.message
  }
  return errors
}

export function validateWith<T>(schema: z.ZodMiniType<T>, input: unknown): Validated<T> {
  const result = schema.safeParse(input)
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: toFieldErrors(result.error) }
}

/**
 * A message key with its parameters in one FieldErrors value: `kosProfile.tooLong|{"max":255}`.
 * Screens split it again (splitMessage) and pass the parameters to the translation.
 */
export function messageWith(key: string, params: Record<string, string | number>): string {
  return `${key}|${JSON.stringify(params)}`
}

export function splitMessage(value: string): { key: string; params: Record<string, string | number> } {
  const bar = value.indexOf('|')
  if (bar === -1) return { key: value, params: {} }
  try {
    return { key: value.slice(0, bar), params: JSON.parse(value.slice(bar + 1)) as Record<string, string | number> }
  } catch {
    return { key: value.slice(0, bar), params: {} }
  }
}

/** Characters as a person (and the database) counts them: code points, not UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}
