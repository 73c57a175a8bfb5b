/**
 * `npm run bench` (after `vite build`) runs every part in turn; `npm run bench -- runner` (or
 * `-- reports`, or both) runs only the parts named.
 * - reports (bench/reports.ts): the report page's read of 100,000 deals with the portal's limits
 *   ON, beside the SDK's own list helper;
 * - runner (bench/runner-bench.ts): the runner's event-to-effect latency, idle and under a burst
 *   of 1,000 deal moves with the limits ON, and its REST requests per effect;
 * - content (bench/time-to-content.ts): each tab's time to content against a bare SDK page, cold,
 *   warm and under a 4× CPU throttle, its requests per open, and «Сводка» on a big company.
 */
import { reportsBench } from './reports'
import { runnerBench } from './runner-bench'
import { timeToContentBench } from './time-to-content'

const PARTS: Record<string, () => Promise<void>> = { content: timeToContentBench, reports: reportsBench, runner: runnerBench }

async function main(): Promise<void> {
  const named = process.argv.slice(2)
  const unknown = named.filter((name) => !(name in PARTS))
  if (unknown.length > 0) throw new Error(`unknown bench part ${unknown.join(', ')}; the parts: ${Object.keys(PARTS).join(', ')}`)
  for (const name of named.length > 0 ? named : Object.keys(PARTS)) {
    console.log(`\n=== bench: ${name} ===`)
    await PARTS[name]!()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
