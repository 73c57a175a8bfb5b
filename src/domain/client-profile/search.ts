/**
 * Text matching for searchable selects: case-insensitive, «ё» = «е», any dash = «-»,
 * runs of spaces = one space. A query matches when each of its words occurs in the text.
 */
export function normalizeForSearch(text: string): string {
  return text
    .toLocaleLowerCase('ru-RU')
    .replace(/ё/g, 'е')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
}

export function matchesQuery(text: string, query: string): boolean {
  const haystack = normalizeForSearch(text)
  return normalizeForSearch(query)
    .split(' ')
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word))
}

/**
 * Entries whose text matches; those starting with the query come first, otherwise the
 * list keeps its own order. An empty query returns everything.
 */
export function searchEntries<T>(entries: readonly T[], query: string, textsOf: (entry: T) => string[]): T[] {
  const normalizedQuery = normalizeForSearch(query)
  if (normalizedQuery === '') return [...entries]
  const matching = entries.filter((entry) => textsOf(entry).some((text) => matchesQuery(text, normalizedQuery)))
  const startsWithQuery = (entry: T) =>
    textsOf(entry).some((text) => normalizeForSearch(text).startsWith(normalizedQuery))
  return [...matching.filter(startsWithQuery), ...matching.filter((entry) => !startsWithQuery(entry))]
}
