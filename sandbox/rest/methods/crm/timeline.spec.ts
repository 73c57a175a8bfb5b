// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { caller, failure, peopleStore } from './testing'

// Shapes pinned here: b24restdocs api-reference/crm/timeline/comments/crm-timeline-comment-{add,list,get,update,delete}.md,
// api-reference/crm/timeline/activities/todo/crm-activity-todo-add.md,
// api-reference/crm/timeline/logmessage/crm-timeline-logmessage-add.md.

const b64 = (s: string) => Buffer.from(s).toString('base64')

describe('timeline', () => {
  it('stores comments with the caller as author and files, and lists them', async () => {
    const store = peopleStore()
    const admin = caller(store, 1)
    const { result: dealId } = await admin.call('crm.deal.add', { fields: { TITLE: 'D', ASSIGNED_BY_ID: 3, OPENED: 'Y' } })
    const approver = caller(store, 6, new Date('2026-03-02T10:00:00Z'))
    const { result: id } = await approver.call('crm.timeline.comment.add', {
      fields: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal', COMMENT: 'Согласовано', AUTHOR_ID: 1, FILES: [['protocol.txt', b64('ok')]] },
    })
    expect(id).toBe(1)
    const got = (await admin.call('crm.timeline.comment.get', { id })).result as Record<string, unknown>
    expect(got).toMatchObject({ ID: '1', ENTITY_ID: String(dealId), ENTITY_TYPE: 'deal', AUTHOR_ID: '6', COMMENT: 'Согласовано', CREATED: '2026-03-02T13:00:00+03:00' })
    expect(got.FILES).toMatchObject({ '1': { id: 1, name: 'protocol.txt', size: 2, authorId: 6, urlDownload: 'http://localhost:4000/sandbox-files/1/protocol.txt' } })
    await admin.call('crm.timeline.comment.add', { fields: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal', COMMENT: 'Второй' } })
    const list = await admin.call('crm.timeline.comment.list', { filter: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal' }, order: { ID: 'ASC' } })
    expect((list.result as Array<Record<string, unknown>>).map((c) => [c.COMMENT, c.FILES])).toEqual([
      ['Согласовано', expect.any(Object)],
      ['Второй', {}],
    ])
    expect(list.total).toBe(2)
    expect((await failure(admin.call('crm.timeline.comment.update', { id, fields: { COMMENT: 'подделка' } }))).code).toBe('ACCESS_DENIED')
    expect((await approver.call('crm.timeline.comment.update', { id, fields: { COMMENT: 'Согласовано с замечанием' } })).result).toBe(1)
    expect((await approver.call('crm.timeline.comment.delete', { id })).result).toBeNull()
    expect((await failure(admin.call('crm.timeline.comment.add', { fields: { ENTITY_ID: 999, ENTITY_TYPE: 'deal', COMMENT: 'x' } }))).code).toBe('OWNER_NOT_FOUND')
    expect((await failure(admin.call('crm.timeline.comment.add', { fields: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal', COMMENT: ' ' } }))).code).toBe('INVALID_ARG_VALUE')
  })

  it('adds a to-do activity (edit right on the owner) and a log message', async () => {
    const store = peopleStore()
    const admin = caller(store, 1)
    const { result: dealId } = await admin.call('crm.deal.add', { fields: { TITLE: 'D', ASSIGNED_BY_ID: 3 } })
    const manager = caller(store, 3)
    const todo = await manager.call('crm.activity.todo.add', { ownerTypeId: 2, ownerId: dealId, deadline: '2026-03-05T15:00:00', title: 'Позвонить' })
    expect(todo.result).toEqual({ id: 1 })
    const acts = (await manager.call('crm.activity.list', { filter: { OWNER_ID: dealId } })).result as Array<Record<string, unknown>>
    expect(acts[0]).toMatchObject({ SUBJECT: 'Позвонить', DEADLINE: '2026-03-05T15:00:00+03:00', RESPONSIBLE_ID: '3', AUTHOR_ID: '3', COMPLETED: 'N' })
    const other = caller(store, 4)
    expect((await failure(other.call('crm.activity.todo.add', { ownerTypeId: 2, ownerId: dealId, deadline: '2026-03-05T15:00:00' }))).code).toBe('ACCESS_DENIED')
    expect((await failure(manager.call('crm.activity.todo.add', { ownerTypeId: 2, ownerId: dealId, deadline: 'завтра' }))).code).toBe('WRONG_DATETIME_FORMAT')
    const log = (await manager.call('crm.timeline.logmessage.add', { fields: { entityTypeId: 2, entityId: dealId, title: 'T', text: 'X', iconCode: 'info' } })).result
    expect(log).toMatchObject({ logMessage: { id: 1, authorId: 3, title: 'T', iconCode: 'info' } })
  })
})
