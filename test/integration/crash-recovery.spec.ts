import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { B24Hook } from '@bitrix24/b24jssdk'
import { afterAll, describe, expect, it } from 'vitest'
import { frameTransport } from '@/b24/gateway'
import { memoryJournal, runPlan } from '@/b24/write-plan'
import { newPlan, setStep, timelineCommentStep, type WritePlan } from '@/domain/write-plan'
import { freePort, startSandboxProcess, type SandboxProcess } from './helpers/sandbox-process'
import { trustSandboxCertificate } from './helpers/sandbox'
import { defaultTlsDir } from '../../sandbox/config'

/*
 * The portal dies in the middle of a burst of writes (SIGKILL, no shutdown code) and comes
 * back on the same store: every write it acknowledged is there, and the writer finishes its
 * unfinished plans from its journal without doubling anything.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), 'sandbox-crash-'))
let running: SandboxProcess | undefined
afterAll(async () => {
  await running?.kill()
  rmSync(dataDir, { recursive: true, force: true })
})

const label = { ru: 'шаг', en: 'step' }
// As the tab's frame: one attempt per request, the plan runner does the retrying. The portal's
// limits are off in this sandbox, so the SDK's own client-side bucket is opened too.
const client = (webhook: string) =>
  B24Hook.fromWebhookUrl(webhook, {
    restrictionParams: { maxRetries: 1, retryOnNetworkError: false, rateLimit: { burstLimit: 10_000, drainRate: 1_000, adaptiveEnabled: false } },
  })
const PLANS = 60
const COMPANY = 2

function burstPlan(index: number): WritePlan {
  const id = `crash-${index}`
  return newPlan({
    id,
    scope: `company:${COMPANY}`,
    title: label,
    now: new Date(),
    steps: [
      timelineCommentStep(`${id}-a`, { type: 'company', id: COMPANY }, `crash burst ${index} a`, label),
      setStep(`${id}-field`, 'crm.company.update', { id: COMPANY, fields: { COMMENTS: `burst ${index}` } }, label),
      timelineCommentStep(`${id}-b`, { type: 'company', id: COMPANY }, `crash burst ${index} b`, label),
    ],
  })
}

async function taggedComments(webhook: string): Promise<Map<string, number>> {
  const b24 = B24Hook.fromWebhookUrl(webhook)
  const counts = new Map<string, number>()
  for (let start = 0; ; start += 50) {
    const reply = await b24.actions.v2.call.make<{ COMMENT: string }[]>({
      method: 'crm.timeline.comment.list',
      params: { filter: { ENTITY_ID: COMPANY, ENTITY_TYPE: 'company' }, select: ['ID', 'COMMENT'], start },
    })
    const rows = reply.getData()!.result
    for (const row of rows) for (const [, key] of row.COMMENT.matchAll(/\[b24app:([^\]]+)\]/g)) counts.set(key!, (counts.get(key!) ?? 0) + 1)
    if (rows.length < 50) return counts
  }
}

describe('a crash of the portal during a burst of writes', () => {
  it('keeps every acknowledged write, and the plans resume to the end without doubles', async () => {
    trustSandboxCertificate(path.join(defaultTlsDir(), 'localhost-cert.pem'))
    const ports = { port: await freePort(), httpsPort: await freePort(), appPort: await freePort() }
    running = await startSandboxProcess({ dataDir, ...ports })
    trustSandboxCertificate(path.join(defaultTlsDir(), 'localhost-cert.pem'))
    const webhook = running.adminWebhookUrl
    const journal = memoryJournal()
    const transport = frameTransport(client(webhook))

    // The burst: plans run four at a time; the portal is killed once a third of them are done.
    let finished = 0
    let killed: Promise<void> | null = null
    const queue = Array.from({ length: PLANS }, (_, index) => burstPlan(index))
    const worker = async () => {
      for (let plan = queue.shift(); plan; plan = queue.shift()) {
        const result = await runPlan(plan, { transport, journal, baseDelayMs: 20, unknownRetries: 1, timeoutMs: 5_000 })
        if (result.status === 'done' && ++finished === PLANS / 3) killed = running!.kill()
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()])
    await killed
    const unfinished = await journal.list()
    expect(finished).toBeGreaterThanOrEqual(PLANS / 3)
    expect(unfinished.length).toBeGreaterThan(0)

    // What the writer saw acknowledged before the crash.
    const acknowledged: string[] = []
    for (let index = 0; index < PLANS; index++) {
      const saved = journal.plans.get(`crash-${index}`)
      if (!saved) acknowledged.push(`crash-${index}-a`, `crash-${index}-b`) // done and removed
      else for (const key of [`crash-${index}-a`, `crash-${index}-b`]) if (saved.state[key]!.status === 'done') acknowledged.push(key)
    }

    running = await startSandboxProcess({ dataDir, ...ports, demo: true })
    const afterRestart = await taggedComments(running.adminWebhookUrl)
    for (const key of acknowledged) expect(afterRestart.get(key), key).toBe(1)

    // The writer resumes its unfinished plans from its journal.
    const again = frameTransport(client(running.adminWebhookUrl))
    for (const plan of await journal.list()) {
      const result = await runPlan(plan, { transport: again, journal })
      expect(result.status, plan.id).toBe('done')
    }
    expect(await journal.list()).toEqual([])
    const final = await taggedComments(running.adminWebhookUrl)
    for (let index = 0; index < PLANS; index++) {
      expect(final.get(`crash-${index}-a`), `crash-${index}-a`).toBe(1)
      expect(final.get(`crash-${index}-b`), `crash-${index}-b`).toBe(1)
    }
  }, 180_000)
})
