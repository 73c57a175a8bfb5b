import type { Row, Store } from '../store/types'

/**
 * Files uploaded through REST (file user fields, timeline comment FILES, disk uploads), kept in
 * table `files` as base64 and served at `GET /sandbox-files/<id>/<name>` (see serve.ts).
 */
export interface FileRow extends Row {
  NAME: string
  MIME: string
  /** Content, base64 without a `data:` prefix. */
  BASE64: string
  SIZE: number
  AUTHOR_ID: number
  CREATED: string
  /** Disk folder the file sits in (disk.folder.uploadfile), 0 otherwise. */
  FOLDER_ID: number
}

export const FILES_TABLE = 'files'

const MIME_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
}

export function mimeOf(name: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''
  return MIME_BY_EXT[ext] ?? 'application/octet-stream'
}

/** True for a `[name, base64]` pair as REST clients send files. */
export function isFilePair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length >= 2 && typeof value[0] === 'string' && typeof value[1] === 'string'
}

const BASE64_RE = /^[A-Za-z0-9+/\s]*={0,2}\s*$/

export function saveFile(
  store: Store,
  file: { name: string; base64: string; authorId: number; created: string; folderId?: number },
): FileRow {
  const base64 = file.base64.replace(/^data:[^,]*,/, '').replace(/\s+/g, '')
  if (!BASE64_RE.test(base64)) throw new Error('file content is not base64')
  const name = file.name.replace(/[\\/]/g, '_').trim() || 'file'
  return store.table<FileRow>(FILES_TABLE).insert({
    NAME: name,
    MIME: mimeOf(name),
    BASE64: base64,
    SIZE: Buffer.from(base64, 'base64').length,
    AUTHOR_ID: file.authorId,
    CREATED: file.created,
    FOLDER_ID: file.folderId ?? 0,
  })
}

export function getFile(store: Store, id: number): FileRow | undefined {
  return store.table<FileRow>(FILES_TABLE).get(id)
}

/** Absolute URL the portal serves the file at. */
export function fileUrl(origin: string, file: FileRow): string {
  return `${origin}/sandbox-files/${file.ID}/${encodeURIComponent(file.NAME)}`
}
