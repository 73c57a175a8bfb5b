/**
 * A directory error's path (`objectTypes.0.zones.1.label.ru`) in words for the admin:
 * «Тип объекта 1 › Зона 2 › Название (рус.)». Lists read by their item and number.
 */
type Translate = (key: string, params?: Record<string, unknown>) => string

const LIST_ITEM: Record<string, string> = { objectTypes: 'objectType', zones: 'zone', sectors: 'sector', places: 'place' }
const FIELDS = new Set(['objectTypes', 'zones', 'sectors', 'places', 'code', 'label', 'ru', 'en', 'department', 'areaM2', 'version'])

export function directoryPathText(path: string, t: Translate): string {
  const segments = path === '' ? [] : path.split('.')
  const words: string[] = []
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index]!
    const next = segments[index + 1]
    const item = LIST_ITEM[segment]
    if (item && next !== undefined && /^\d+$/.test(next)) {
      words.push(t(`directory.path.${item}`, { n: Number(next) + 1 }))
      index += 1
    } else {
      words.push(FIELDS.has(segment) ? t(`directory.path.${segment}`) : segment)
    }
  }
  return words.length > 0 ? words.join(' › ') : t('directory.path.root')
}
