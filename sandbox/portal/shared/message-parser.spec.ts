import { describe, expect, it } from 'vitest'
import { acceptMessage, formatReply, parseFrameMessage } from './message-parser'

// Message shapes: reference §2.1/§2.2 (SDK frame/message/controller.ts; portal applayout.js split()).
describe('parseFrameMessage', () => {
  it('reads a command without params as three segments', () => {
    expect(parseFrameMessage('getInitData:key-1:SID9')).toEqual({
      ok: true,
      message: { form: 'string', command: 'getInitData', params: undefined, callbackKey: 'key-1', appSid: 'SID9' },
    })
  })

  it('re-joins params that contain colons', () => {
    const result = parseFrameMessage('openPath:{"path":"/crm/deal/details/1/?a=b:c","t":"12:30"}:k2:sid')
    expect(result.ok && result.message.params).toEqual({ path: '/crm/deal/details/1/?a=b:c', t: '12:30' })
    expect(result.ok && result.message.callbackKey).toBe('k2')
    expect(result.ok && result.message.appSid).toBe('sid')
  })

  it('parses raw JSON values such as setValue and quoted singleOption', () => {
    expect(parseFrameMessage('setValue:{"id":1}:k:s')).toMatchObject({ ok: true, message: { command: 'setValue', params: { id: 1 } } })
    expect(parseFrameMessage('custom:"only":k:s')).toMatchObject({ ok: true, message: { params: 'only' } })
  })

  it('reads the object form used for commands with a colon in the name', () => {
    const result = parseFrameMessage({ method: 'im:setTextareaContent', params: { text: 'a' }, callback: 'cb', appSid: 'S', requestId: 'r' })
    expect(result).toEqual({ ok: true, message: { form: 'object', command: 'im:setTextareaContent', params: { text: 'a' }, callbackKey: 'cb', appSid: 'S' } })
    expect(parseFrameMessage({ method: 'x', params: '', callback: 'c', appSid: 'S' })).toMatchObject({ ok: true, message: { params: undefined } })
  })

  it('rejects what the portal cannot read', () => {
    expect(parseFrameMessage('getInitData:only')).toMatchObject({ ok: false })
    expect(parseFrameMessage('cmd:{broken:k:s')).toMatchObject({ ok: false, reason: expect.stringContaining('not JSON') })
    expect(parseFrameMessage(42)).toMatchObject({ ok: false })
    expect(parseFrameMessage({ params: {} })).toMatchObject({ ok: false })
  })
})

describe('formatReply', () => {
  it('writes KEY:JSON, or KEY: alone for no result', () => {
    expect(formatReply('k', { width: '100%', height: 300 })).toBe('k:{"width":"100%","height":300}')
    expect(formatReply('k', undefined)).toBe('k:')
    expect(formatReply('k', null)).toBe('k:null')
  })
})

describe('acceptMessage', () => {
  const win1 = { name: 'w1' }
  const win2 = { name: 'w2' }
  const frames = [
    { sid: 'A', appOrigin: 'http://localhost:5173', win: win1 },
    { sid: 'B', appOrigin: 'http://localhost:5173', win: win2 },
  ]
  const message = (appSid: string) => ({ form: 'string' as const, command: 'getInitData', params: undefined, callbackKey: 'k', appSid })
  const windowOf = (f: (typeof frames)[number]) => f.win

  it('accepts the frame own sid from its own window and origin', () => {
    expect(acceptMessage('http://localhost:5173', win1, message('A'), frames, windowOf)).toEqual({ ok: true, frame: frames[0] })
  })

  it('drops a wrong origin, an unknown sid and another frame window', () => {
    expect(acceptMessage('http://127.0.0.1:5173', win1, message('A'), frames, windowOf)).toMatchObject({ ok: false, reason: expect.stringContaining('wrong origin') })
    expect(acceptMessage('http://localhost:5173', win1, message('Z'), frames, windowOf)).toMatchObject({ ok: false, reason: expect.stringContaining('unknown APP_SID') })
    expect(acceptMessage('http://localhost:5173', win2, message('A'), frames, windowOf)).toMatchObject({ ok: false, reason: expect.stringContaining('other than the frame') })
  })
})
