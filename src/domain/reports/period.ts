/** Period presets of the report filter, as inclusive epoch-ms ranges in the user's time zone. */
export type PeriodPreset = 'all' | 'week' | 'lastWeek' | 'month' | 'quarter' | 'year' | 'lastYear' | 'custom'

export const PERIOD_PRESETS: readonly PeriodPreset[] = ['all', 'week', 'lastWeek', 'month', 'quarter', 'year', 'lastYear', 'custom']

export function periodRange(preset: PeriodPreset, today: Date, customFrom = '', customTo = ''): { from?: number; to?: number } {
  const y = today.getFullYear()
  const m = today.getMonth()
  const end = (date: Date) => date.getTime() - 1
  switch (preset) {
    case 'all':
      return {}
    case 'week':
    case 'lastWeek': {
      // Weeks run Monday to Sunday, as the Russian calendar has them.
      const monday = today.getDate() - ((today.getDay() + 6) % 7) - (preset === 'lastWeek' ? 7 : 0)
      return { from: new Date(y, m, monday).getTime(), to: end(new Date(y, m, monday + 7)) }
    }
    case 'month':
      return { from: new Date(y, m, 1).getTime(), to: end(new Date(y, m + 1, 1)) }
    case 'quarter': {
      const q = Math.floor(m / 3) * 3
      return { from: new Date(y, q, 1).getTime(), to: end(new Date(y, q + 3, 1)) }
    }
    case 'year':
      return { from: new Date(y, 0, 1).getTime(), to: end(new Date(y + 1, 0, 1)) }
    case 'lastYear':
      return { from: new Date(y - 1, 0, 1).getTime(), to: end(new Date(y, 0, 1)) }
    case 'custom': {
      const from = /^\d{4}-\d{2}-\d{2}$/.test(customFrom) ? new Date(`${customFrom}T00:00:00`).getTime() : undefined
      const to = /^\d{4}-\d{2}-\d{2}$/.test(customTo) ? new Date(`${customTo}T23:59:59.999`).getTime() : undefined
      return { from, to }
    }
  }
}
