// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type http from 'node:http'
import { MemoryStore } from '../store/memory-store'
import { caller, failure, peopleStore } from '../rest/methods/crm/testing'
import { fileUrl, getFile, saveFile } from './files'
import { serveFile } from './serve'

// Disk upload shape: b24restdocs api-reference/disk/folder/disk-folder-upload-file.md;
// app storage: api-reference/disk/storage/disk-storage-get-for-app.md.

function fakeResponse() {
  const reply: { status: number; headers: Record<string, unknown>; body: Buffer } = { status: 0, headers: {}, body: Buffer.alloc(0) }
  const res = {
    writeHead(status: number, headers: Record<string, unknown>) {
      reply.status = status
      reply.headers = headers
      return res
    },
    end(body?: string | Buffer) {
      reply.body = Buffer.isBuffer(body) ? body : Buffer.from(body ?? '')
    },
  }
  return { res: res as unknown as http.ServerResponse, reply }
}

describe('files', () => {
  it('keeps uploads as base64 and serves the bytes with their type', () => {
    const store = new MemoryStore()
    const file = saveFile(store, { name: 'отчёт.txt', base64: Buffer.from('вибрация в норме').toString('base64'), authorId: 3, created: '2026-03-02T12:00:00+03:00' })
    expect(file).toMatchObject({ ID: 1, NAME: 'отчёт.txt', MIME: 'text/plain; charset=utf-8', SIZE: Buffer.byteLength('вибрация в норме') })
    expect(fileUrl('http://localhost:4000', file)).toBe('http://localhost:4000/sandbox-files/1/%D0%BE%D1%82%D1%87%D1%91%D1%82.txt')
    const { res, reply } = fakeResponse()
    serveFile(store, 1, res)
    expect(reply.status).toBe(200)
    expect(reply.headers['Content-Type']).toBe('text/plain; charset=utf-8')
    expect(reply.body.toString('utf8')).toBe('вибрация в норме')
    const missing = fakeResponse()
    serveFile(store, 2, missing.res)
    expect(missing.reply.status).toBe(404)
  })

  it('refuses content that is not base64', () => {
    expect(() => saveFile(new MemoryStore(), { name: 'x', base64: 'не base64!', authorId: 1, created: '' })).toThrow(/base64/)
  })

  it('uploads through disk.folder.uploadfile into the app storage', async () => {
    const store = peopleStore()
    const { call } = caller(store, 3)
    const reply = (await call('disk.folder.uploadfile', { id: 1, data: { NAME: 'scan.pdf' }, fileContent: ['ignored.pdf', Buffer.from('%PDF').toString('base64')] }))
      .result as Record<string, unknown>
    expect(reply).toMatchObject({ ID: 1, NAME: 'scan.pdf', TYPE: 'file', PARENT_ID: '1', STORAGE_ID: '1', SIZE: '4', CREATED_BY: '3' })
    expect(reply.DOWNLOAD_URL).toBe('http://localhost:4000/sandbox-files/1/scan.pdf')
    expect(getFile(store, 1)?.MIME).toBe('application/pdf')
    expect((await failure(call('disk.folder.uploadfile', { id: 1, data: {}, fileContent: ['a', 'AA=='] }))).code).toBe('DISK_BASE_SERVICE_22001')
    expect((await failure(call('disk.folder.uploadfile', { id: 9, data: { NAME: 'a' }, fileContent: ['a', 'AA=='] }))).code).toBe('ERROR_NOT_FOUND')
    expect((await failure(call('disk.storage.getForApp', {}))).code).toBe('ACCESS_DENIED')
    expect((await caller(store, 1).call('disk.storage.getForApp', {})).result).toMatchObject({ ENTITY_TYPE: 'restapp', ROOT_OBJECT_ID: '1' })
  })
})
