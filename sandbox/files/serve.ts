import type http from 'node:http'
import type { Store } from '../store/types'
import { getFile } from './files'

/**
 * Answers `GET /sandbox-files/<id>/<name>` (the server core mounts it): the bytes with their type,
 * or 404. The portal's download links need a normal GET, so no auth is asked here (sandbox only).
 */
export function serveFile(store: Store, id: number, res: http.ServerResponse): void {
  const file = Number.isInteger(id) && id > 0 ? getFile(store, id) : undefined
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('File not found')
    return
  }
  const bytes = Buffer.from(file.BASE64, 'base64')
  res.writeHead(200, {
    'Content-Type': file.MIME,
    'Content-Length': bytes.length,
    'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.NAME)}`,
    'Cache-Control': 'private, max-age=3600',
  })
  res.end(bytes)
}
