/**
 * Where `npm test`'s time goes: one row per phase (build, unit, integration, e2e) and the total,
 * printed at the end of scripts/run-tests.ts so each CI log shows it.
 */
import { readFileSync } from 'node:fs'

export interface Phase {
  name: string
  seconds: number
}

export function phaseTable(phases: readonly Phase[]): string {
  const total = phases.reduce((sum, phase) => sum + phase.seconds, 0)
  const rows = [...phases, { name: 'total', seconds: total }]
  const width = Math.max(...rows.map((row) => row.name.length))
  return rows
    .map((row) => {
      const share = total > 0 && row.name !== 'total' ? ` ${String(Math.round((row.seconds / total) * 100)).padStart(3)} %` : ''
      return `${row.name.padEnd(width)}  ${row.seconds.toFixed(1).padStart(7)} s${share}`
    })
    .join('\n')
}

/** Parent pid and start time (clock ticks after boot) from a /proc/<pid>/stat line; the name may hold spaces and parentheses. */
export function parseStat(stat: string): { ppid: number; startTicks: number } | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // Fields 4 (ppid) and 22 (starttime) of proc(5), counted from field 3 here.
  const ppid = Number(fields[1])
  const startTicks = Number(fields[19])
  return Number.isFinite(ppid) && Number.isFinite(startTicks) ? { ppid, startTicks } : null
}

/** Clock ticks per second of /proc's times (USER_HZ): 100 on Linux. */
const TICKS_PER_SECOND = 100

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/**
 * Seconds from the start of `npm test`'s own shell (`npm run build && tsx scripts/run-tests.ts`)
 * to this process's start: the build, which npm ran before this script. Null when this script
 * was not started by that line (`npm run test:unit`, by hand) or there is no /proc.
 */
export function buildSeconds(readProc: (path: string) => string | null = read): number | null {
  const self = parseStat(readProc('/proc/self/stat') ?? '')
  if (!self) return null
  let pid = self.ppid
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    const cmdline = (readProc(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ')
    const stat = parseStat(readProc(`/proc/${pid}/stat`) ?? '')
    if (!stat) return null
    if (cmdline.includes('npm run build &&')) return (self.startTicks - stat.startTicks) / TICKS_PER_SECOND
    pid = stat.ppid
  }
  return null
}

/** The steps .ci/run timed before `npm test` (CI_PHASES: "name=seconds" per line). */
export function ciPhases(text: string | undefined): Phase[] {
  return (text ?? '')
    .split('\n')
    .map((line) => /^(.+)=(\d+(?:\.\d+)?)$/.exec(line.trim()))
    .filter((match) => match !== null)
    .map((match) => ({ name: match[1]!, seconds: Number(match[2]) }))
}

/** One test file of vitest's JSON report (`testResults[]`): its path and when it started and ended (ms). */
export interface FileResult {
  name: string
  startTime: number
  endTime: number
  assertionResults: readonly unknown[]
}

/**
 * The `count` slowest files of a project, slowest first, with their seconds, their share of the
 * files' sum and their number of tests: where the phase's time goes, in every CI log.
 */
export function slowestFiles(files: readonly FileResult[], root: string, count = 10): string {
  const rows = files
    .map((file) => ({ name: file.name.startsWith(`${root}/`) ? file.name.slice(root.length + 1) : file.name, seconds: (file.endTime - file.startTime) / 1000, tests: file.assertionResults.length }))
    .sort((a, b) => b.seconds - a.seconds)
  const total = rows.reduce((sum, row) => sum + row.seconds, 0)
  const shown = rows.slice(0, count)
  const width = Math.max(0, ...shown.map((row) => row.name.length))
  return shown
    .map((row) => `${row.name.padEnd(width)}  ${row.seconds.toFixed(1).padStart(7)} s ${String(Math.round((row.seconds / total) * 100)).padStart(3)} %  ${row.tests} tests`)
    .join('\n')
}
