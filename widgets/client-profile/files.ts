import type { AttachmentInfo } from '@/domain/client-profile'

/** A file chosen for a history event: what the file policy judges, and its content read only once it passed. */
export interface PendingAttachment extends AttachmentInfo {
  base64(): Promise<string>
}

/** Browser files → attachments: name, size and first bytes now; the Base64 content on demand. */
export async function toPendingAttachments(files: readonly File[]): Promise<PendingAttachment[]> {
  return Promise.all(
    files.map(async (file) => ({
      name: file.name,
      size: file.size,
      head: [...new Uint8Array(await file.slice(0, 8).arrayBuffer())],
      base64: () => base64Of(file),
    })),
  )
}

/** `[name, base64]` pairs, the shape timeline comments take (no `data:` prefix). */
export async function toBase64Pairs(files: readonly PendingAttachment[]): Promise<[string, string][]> {
  return Promise.all(files.map(async (file) => [file.name, await file.base64()] as [string, string]))
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error ?? new Error(`Cannot read ${file.name}`))
    reader.onload = () => {
      const url = String(reader.result ?? '')
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.readAsDataURL(file)
  })
}
