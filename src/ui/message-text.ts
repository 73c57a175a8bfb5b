type Translate = (key: string, params?: Record<string, unknown>) => string

/**
 * The text of a message named by data (a schema issue's message, a stored reason): what
 * the locale files say for it, or the fallback text when the name is no key there (a
 * library's own English such as zod's «Invalid input»), so no key or foreign text shows.
 */
export function messageText(t: Translate, key: string, fallbackKey: string, params: Record<string, unknown> = {}): string {
  const text = t(key, params)
  return text === key ? t(fallbackKey, params) : text
}
