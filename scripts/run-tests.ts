/**
 * `npm test`: the three vitest projects one after another (unit → integration → e2e), so the
 * browser suite never competes for the machine's two cores with the others, then the time each
 * phase took (the build included: `npm test` builds first) and one closing line
 * `tests: N passed, N failed` that CI reads.
 *
 * Usage: tsx scripts/run-tests.ts [unit|integration|e2e ...]
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { matrixTable, readCells } from './fault-matrix-table'
import { buildSeconds, ciPhases, phaseTable, slowestFiles, type FileResult, type Phase } from './phase-times'

const ALL = ['unit', 'integration', 'e2e'] as const
type Project = (typeof ALL)[number]

interface VitestJson {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTotalTestSuites: number
  numFailedTestSuites: number
  success: boolean
  testResults?: FileResult[]
}

const requested = process.argv.slice(2).filter((p): p is Project => (ALL as readonly string[]).includes(p))
const projects: readonly Project[] = requested.length ? requested : ALL

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (projects.includes('e2e') && !existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`)
  process.exit(1)
}

const reportDir = mkdtempSync(join(tmpdir(), 'vitest-report-'))
// The e2e fault matrix writes one JSON line per cell here; its table is printed at the end.
const matrixFile = join(reportDir, 'fault-matrix.jsonl')
let passed = 0
let failed = 0
let ok = true
// The slowest files of integration and e2e, printed with the phase table (where their time goes).
const slowest: string[] = []
// .ci/run's own steps before this (npm install, lint ‖ typecheck), then the build npm ran, then the projects.
const phases: Phase[] = ciPhases(process.env.CI_PHASES)
const build = buildSeconds()
if (build !== null) phases.push({ name: 'build', seconds: build })

for (const project of projects) {
  const outputFile = join(reportDir, `${project}.json`)
  console.log(`\n=== ${project} tests ===`)
  const started = Date.now()
  const run = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${outputFile}`],
    { stdio: 'inherit', env: { ...process.env, FAULT_MATRIX_OUT: process.env.FAULT_MATRIX_OUT ?? matrixFile } },
  )
  phases.push({ name: project, seconds: (Date.now() - started) / 1000 })
  if (!existsSync(outputFile)) {
    console.error(`${project}: vitest wrote no report (exit ${run.status})`)
    ok = false
    failed++
    continue
  }
  const report = JSON.parse(readFileSync(outputFile, 'utf8')) as VitestJson
  if (project !== 'unit' && report.testResults?.length) slowest.push(`\n=== slowest ${project} files ===\n${slowestFiles(report.testResults, process.cwd())}`)
  passed += report.numPassedTests
  failed += report.numFailedTests
  // A suite that fails to load counts as a failure even when no test inside it ran.
  if (run.status !== 0 || !report.success || report.numFailedTestSuites > 0) ok = false
  if (report.numPassedTests === 0) {
    console.error(`${project}: no test passed — a suite that runs nothing is a failure`)
    ok = false
  }
}

const cells = readCells(process.env.FAULT_MATRIX_OUT ?? matrixFile)
if (cells.length > 0) console.log(`\n=== fault matrix ===\n${matrixTable(cells)}`)
rmSync(reportDir, { recursive: true, force: true })
for (const table of slowest) console.log(table)
console.log(`\n=== time by phase ===\n${phaseTable(phases)}`)
console.log(`\ntests: ${passed} passed, ${failed} failed`)
process.exit(ok && failed === 0 ? 0 : 1)
