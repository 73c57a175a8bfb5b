import type { z } from 'zod'

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

export function toFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.')
    errors[path] ??= issue.message
  }
  return errors
}

export function validateWith<T>(schema: z.ZodType<T>, input: unknown): Validated<T> {
  const result = schema.safeParse(input)
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: toFieldErrors(result.error) }
}
