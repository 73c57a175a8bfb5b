/** The message log: every postMessage in and out, on the page's panel and on `window.__portalLog` for tests. */
export interface LogEntry {
  time: string
  dir: 'in' | 'out'
  /** APP_SID of the frame (or the one the message claimed). */
  sid: string
  command: string
  data: unknown
  /** accepted | dropped | denied | ignored | reply | no-reply */
  status: string
  note: string
}

declare global {
  interface Window {
    __portalLog: LogEntry[]
  }
}

window.__portalLog = []

export function logMessage(entry: Omit<LogEntry, 'time'>): void {
  const full: LogEntry = { ...entry, time: new Date().toISOString().slice(11, 23) }
  window.__portalLog.push(full)
  renderRow(full)
  if (entry.status === 'dropped') console.warn('[sandbox portal] dropped message:', entry.note, entry.data)
}

function renderRow(entry: LogEntry): void {
  const rows = document.querySelector<HTMLElement>('[data-log-rows]')
  const count = document.querySelector<HTMLElement>('[data-log-count]')
  if (count) count.textContent = String(window.__portalLog.length)
  if (!rows) return
  const tr = document.createElement('tr')
  tr.className = `log-${entry.status}`
  const data = typeof entry.data === 'string' ? entry.data : JSON.stringify(entry.data)
  for (const text of [entry.time, entry.dir === 'in' ? '→ portal' : '← app', entry.sid.slice(0, 8), entry.command, (data ?? '').slice(0, 400), entry.note ? `${entry.status}: ${entry.note}` : entry.status]) {
    const td = document.createElement('td')
    td.textContent = text
    tr.append(td)
  }
  rows.append(tr)
}

export function initLogPanel(): void {
  document.querySelector('[data-log-clear]')?.addEventListener('click', () => {
    window.__portalLog.length = 0
    const rows = document.querySelector('[data-log-rows]')
    if (rows) rows.textContent = ''
    const count = document.querySelector('[data-log-count]')
    if (count) count.textContent = '0'
  })
}
