import { B24Hook } from '@bitrix24/b24jssdk'
import { describe, expect, it } from 'vitest'
import { frameTransport } from '@/b24/gateway'
import { memoryJournal, runPlan } from '@/b24/write-plan'
import { newPlan, setStep, timelineCommentStep, versionCheckStep } from '@/domain/write-plan'
import { control, webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// The app's write plans through the unmodified SDK (B24Hook) against the sandbox's REST.
const sandbox = useTestSandbox({ limits: false, demo: true })
const label = { ru: 'шаг', en: 'step' }
const transportAs = (userId: number) => frameTransport(B24Hook.fromWebhookUrl(sandbox.webhookUrl(userId)))

async function companyComments(companyId: number): Promise<string[]> {
  const reply = await webhookRaw(sandbox, 1, 'crm.timeline.comment.list', { filter: { ENTITY_ID: companyId, ENTITY_TYPE: 'company' }, select: ['COMMENT'] })
  return (reply.body.result as { COMMENT: string }[]).map((row) => row.COMMENT)
}

function commentPlan(id: string, companyId: number, fields: Record<string, unknown>) {
  return newPlan({
    id,
    scope: `company:${companyId}`,
    title: label,
    now: new Date(),
    steps: [
      setStep(`${id}-company`, 'crm.company.update', { id: companyId, fields }, label),
      timelineCommentStep(`${id}-comment`, { type: 'company', id: companyId }, `plan ${id}`, label),
    ],
  })
}

describe('write plans through the SDK', () => {
  it("a batch command's legacy error (Access denied.) is a failed step, and nothing after it runs", async () => {
    // Company 1 belongs to user 3; user 4 may read it (opened) but not change it.
    const before = await companyComments(1)
    const result = await runPlan(commentPlan('deny', 1, { COMMENTS: 'by user 4' }), { transport: transportAs(4), journal: memoryJournal() })
    expect(result.status).toBe('incomplete')
    expect(result.state['deny-company']).toMatchObject({ status: 'failed', error: { kind: 'access', description: 'Access denied.' } })
    expect(await companyComments(1)).toEqual(before)
  })

  it('a reply lost after the write (the sandbox fault `after`) writes the comment once', async () => {
    await control(sandbox.origin, 'faults', { method: 'crm.timeline.comment.add', count: 1, status: 500, after: true })
    const result = await runPlan(commentPlan('lost', 2, { COMMENTS: 'lost reply' }), { transport: transportAs(1), journal: memoryJournal(), baseDelayMs: 10 })
    expect(result.status).toBe('done')
    const tagged = (await companyComments(2)).filter((text) => text.includes('[b24app:lost-comment]'))
    expect(tagged).toHaveLength(1)
  })

  it('a 503 on the write is waited out and the plan finishes', async () => {
    await control(sandbox.origin, 'faults', { method: 'crm.company.update', count: 2, status: 503, code: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' })
    const waits: string[] = []
    const result = await runPlan(commentPlan('busy', 2, { COMMENTS: 'after the limit' }), {
      transport: transportAs(1),
      journal: memoryJournal(),
      baseDelayMs: 10,
      onWait: (wait) => wait && waits.push(wait.error.code),
    })
    expect(result.status).toBe('done')
    expect(waits).toEqual(['QUERY_LIMIT_EXCEEDED', 'QUERY_LIMIT_EXCEEDED'])
    const company = await webhookRaw(sandbox, 1, 'crm.company.get', { id: 2 })
    expect((company.body.result as { COMMENTS: string }).COMMENTS).toBe('after the limit')
  })
})

describe('compare-and-set in one batch', () => {
  async function dateModify(companyId: number): Promise<string> {
    const reply = await webhookRaw(sandbox, 1, 'crm.company.get', { id: companyId })
    return (reply.body.result as { DATE_MODIFY: string }).DATE_MODIFY
  }

  function guardedPlan(id: string, companyId: number, version: string, comments: string) {
    return newPlan({
      id,
      scope: `company:${companyId}`,
      title: label,
      now: new Date(),
      steps: [
        versionCheckStep(`${id}-check`, 'company', companyId, version, label),
        setStep(`${id}-update`, 'crm.company.update', { id: { $step: `${id}-check` }, fields: { COMMENTS: comments } }, label),
        timelineCommentStep(`${id}-comment`, { type: 'company', id: companyId }, `guarded ${id}`, label),
      ],
    })
  }

  it('writes when the version is the one read, and stops with a conflict when it moved', async () => {
    const seen = await dateModify(3)
    const first = await runPlan(guardedPlan('cas1', 3, seen, 'first writer'), { transport: transportAs(1), journal: memoryJournal() })
    expect(first.status).toBe('done')
    // The second writer read the same version before the first one wrote.
    const second = await runPlan(guardedPlan('cas2', 3, seen, 'second writer'), { transport: transportAs(1), journal: memoryJournal() })
    expect(second.status).toBe('incomplete')
    expect(second.state['cas2-check']).toMatchObject({ status: 'failed', error: { kind: 'conflict' } })
    const company = await webhookRaw(sandbox, 1, 'crm.company.get', { id: 3 })
    expect((company.body.result as { COMMENTS: string }).COMMENTS).toBe('first writer')
    expect((await companyComments(3)).filter((text) => text.includes('[b24app:cas2-comment]'))).toHaveLength(0)
  })
})
