import { expect } from 'vitest'
import { faultRule, recordCell, type CellOutcome, type FaultKind } from '../../e2e/helpers/fault-matrix'
import { eventually, runnerQuiet, type RunnerHarness } from './runner-harness'

/*
 * One cell of the runner's fault matrix («Writes that never lie»): a write the runner makes by
 * itself × one fault. The fault is armed on the write's REST method (inside the runner's batch);
 * a person acts through their own token while the runner is stopped, or the clock runs; the
 * cell waits for the runner, moving the portal clock past its one-minute retry while it waits,
 * goes one more minute past it (a late repeat would show), and reads the portal back.
 */

/** The portal's clock moves this far when the runner waits: past its one-minute retry. */
const RETRY_SHIFT_MS = 61_000

/** What one cell expects the portal to hold once the runner is done: `expected` records, found `found()`. */
export interface Effect {
  expected: number
  found(): Promise<number>
}

export interface FaultScenario<Subject> {
  /** The write's name in the table. */
  write: string
  /** The REST method the fault is armed on (inside the runner's batch). */
  method: string
  /** People act while the runner is stopped (their own method may be the faulted one); the clock needs no stop. */
  byPerson: boolean
  /** Makes the subject (deal, lead holder, trip) and waits until the runner has done everything before the write. */
  prepare(tag: string): Promise<Subject>
  /** What sets the runner going: a person's action or the clock. */
  trigger(subject: Subject): Promise<void>
  /** Read before the trigger: what the portal must hold afterwards. */
  effects(subject: Subject): Effect[] | Promise<Effect[]>
  /** The runner's word that the write is done (its report on «Следующий шаг», the marker its plan leaves last, …). */
  told(subject: Subject): Promise<boolean>
  /** Removes what the cell made, so the next cell starts clean. */
  cleanup?(subject: Subject): Promise<void>
}

export const count = (read: () => Promise<unknown[]> | unknown[]) => async () => (await read()).length

/**
 * Counts every ID a read has ever returned: a record sent again under the same tag replaces the
 * old one (a new ID), so a resend shows as one more ID even though the list keeps its length.
 */
export function everSeen(read: () => Promise<Array<string | number>>): () => Promise<number> {
  const seen = new Set<string>()
  return async () => {
    for (const id of await read()) seen.add(String(id))
    return seen.size
  }
}

const tally = async (effects: Effect[]) => Promise.all(effects.map(async (effect) => ({ expected: effect.expected, found: await effect.found() })))
const complete = (counts: { expected: number; found: number }[]) => counts.every((c) => c.found >= c.expected)

/** Runs one cell, records it (FAULT_MATRIX_OUT) and asserts it clean: done once, nothing lost, told only when stored. */
export async function runFaultCell<Subject>(harness: RunnerHarness, scenario: FaultScenario<Subject>, kind: FaultKind): Promise<CellOutcome> {
  const started = Date.now()
  const subject = await scenario.prepare(`${scenario.write} ${kind}`)
  const effects = await scenario.effects(subject)
  const arm = () => harness.sandbox.control.faults(faultRule(kind, scenario.method))
  if (scenario.byPerson) {
    await harness.runner.stop()
    await scenario.trigger(subject)
    arm()
    await harness.restart()
  } else {
    arm()
    await scenario.trigger(subject)
  }
  let counts = await tally(effects)
  for (let round = 0; round < 4 && !complete(counts); round++) {
    counts = await eventually(() => tally(effects), complete, 6_000)
    if (complete(counts)) break
    // The runner may have finished between the count and this read, or said the move while the
    // plan's next step (the stage's task) is on its way: once it has said «done», the rest must
    // follow at once, without the clock moving to a retry — otherwise the word was a lie.
    if (await scenario.told(subject)) {
      counts = await eventually(() => tally(effects), complete, 6_000)
      expect(complete(counts), 'told as done while the portal lacks it').toBe(true)
      break
    }
    await harness.shiftClock(RETRY_SHIFT_MS)
  }
  await runnerQuiet(harness)
  await harness.shiftClock(RETRY_SHIFT_MS)
  await runnerQuiet(harness)
  counts = await tally(effects)
  const told = await scenario.told(subject)
  const lost = counts.reduce((sum, c) => sum + Math.max(0, c.expected - c.found), 0)
  const doubled = counts.reduce((sum, c) => sum + Math.max(0, c.found - c.expected), 0)
  // Half a write on the card (a renewal's comment without the task reopened, a move without the stage's tasks).
  const inconsistent = counts.some((c) => c.found >= c.expected) && counts.some((c) => c.found < c.expected)
  const cell: CellOutcome = { write: scenario.write, fault: kind, lost, doubled, falseSaved: told && lost > 0, inconsistent, told, seconds: (Date.now() - started) / 1000 }
  recordCell(cell)
  // The fault was met: a rule still armed would mean the cell tested nothing.
  const unmet = harness.sandbox.control.state().faults
  harness.sandbox.control.clearFaults()
  await scenario.cleanup?.(subject)
  expect(unmet).toEqual([])
  expect({ lost, doubled, inconsistent, told }).toEqual({ lost: 0, doubled: 0, inconsistent: false, told: true })
  expect(harness.runner.status().connection.state).toBe('connected')
  return cell
}
