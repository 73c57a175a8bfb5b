// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { buildSeconds, ciPhases, parseStat, phaseTable, slowestFiles } from '../../../scripts/phase-times'

describe('npm test time by phase', () => {
  it('prints each phase with its share, then the total', () => {
    const table = phaseTable([
      { name: 'build', seconds: 12.34 },
      { name: 'unit', seconds: 87.66 },
      { name: 'integration', seconds: 100 },
      { name: 'e2e', seconds: 200 },
    ]).split('\n')
    expect(table).toEqual([
      'build           12.3 s   3 %',
      'unit            87.7 s  22 %',
      'integration    100.0 s  25 %',
      'e2e            200.0 s  50 %',
      'total          400.0 s',
    ])
  })

  it('reads the parent and the start time from /proc stat, a name with spaces and parentheses included', () => {
    const stat = '4242 (tsx (a b)) S 4100 4242 4100 0 -1 4194560 500 0 0 0 10 2 0 0 20 0 7 0 987654 1000000 5000'
    expect(parseStat(stat)).toEqual({ ppid: 4100, startTicks: 987654 })
    expect(parseStat('')).toBeNull()
  })

  // A process tree as `npm test` makes it: npm → sh -c "npm run build && tsx …" → tsx → node (this script).
  const stat = (pid: number, ppid: number, ticks: number) => `${pid} (x) S ${ppid} 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 ${ticks} 0 0`
  const tree: Record<string, string> = {
    '/proc/self/stat': stat(30, 20, 5_000),
    '/proc/20/stat': stat(20, 10, 4_990),
    '/proc/20/cmdline': 'node\0/usr/bin/tsx\0scripts/run-tests.ts\0',
    '/proc/10/stat': stat(10, 5, 1_234),
    '/proc/10/cmdline': 'sh\0-c\0npm run build && tsx scripts/run-tests.ts\0',
    '/proc/5/stat': stat(5, 1, 1_000),
    '/proc/5/cmdline': 'npm test\0',
  }
  const readProc = (files: Record<string, string>) => (path: string) => files[path] ?? null

  it('times the build from the start of `npm test`\'s shell to this script\'s start', () => {
    expect(buildSeconds(readProc(tree))).toBeCloseTo(37.66)
  })

  it('has no build time when `npm test` did not start the script (`npm run test:unit`, by hand, no /proc)', () => {
    expect(buildSeconds(readProc({ ...tree, '/proc/10/cmdline': 'sh\0-c\0tsx scripts/run-tests.ts unit\0' }))).toBeNull()
    expect(buildSeconds(readProc({}))).toBeNull()
  })

  it('takes the steps .ci/run timed before the tests', () => {
    expect(ciPhases('npm install=41\nlint ‖ typecheck=75\n')).toEqual([
      { name: 'npm install', seconds: 41 },
      { name: 'lint ‖ typecheck', seconds: 75 },
    ])
    expect(ciPhases(undefined)).toEqual([])
  })

  it('names the slowest files of a project, slowest first, with their share and tests', () => {
    const file = (name: string, seconds: number, tests: number) => ({ name: `/repo/${name}`, startTime: 1_000, endTime: 1_000 + seconds * 1000, assertionResults: Array(tests).fill({}) })
    const table = slowestFiles([file('test/e2e/a.spec.ts', 10, 2), file('test/e2e/bb.spec.ts', 30, 5), file('test/e2e/c.spec.ts', 60, 1)], '/repo', 2).split('\n')
    expect(table).toEqual(['test/e2e/c.spec.ts      60.0 s  60 %  1 tests', 'test/e2e/bb.spec.ts     30.0 s  30 %  5 tests'])
  })
})
