/**
 * An app or user option as the app stores it: JSON text (objects go through app.option.set as text)
 * or, written by an older version or by hand, the value itself. Text that is not JSON reads as null.
 */
export function optionJson(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw
  try {
    return JSON.parse(raw)
  } catch {
    return null
  }
}
