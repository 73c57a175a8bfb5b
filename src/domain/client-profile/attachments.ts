import { ATTACHMENT_LIMITS, EXECUTABLE_EXTENSIONS } from './limits'
import { profileMessage } from './messages'
import { characterCount, messageWith, type FieldErrors } from './validation-result'

/*
 * The file policy of a history event (see limits.ts): what may be attached before anything
 * is read into the request. A file is judged by its name, its size and its first bytes, so a
 * program renamed to `.pdf` is refused as well.
 */

export interface AttachmentInfo {
  name: string
  /** Size in bytes. */
  size: number
  /** The file's first bytes (at least 4), for the signature of a program. */
  head: readonly number[]
}

/** First bytes of executables: Windows PE (`MZ`), Linux ELF, Mach-O (both byte orders, 32/64 bit), a script's `#!`. */
const SIGNATURES: readonly (readonly number[])[] = [
  [0x4d, 0x5a],
  [0x7f, 0x45, 0x4c, 0x46],
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0x23, 0x21],
]

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot + 1).trim().toLowerCase()
}

export function isExecutable(file: Pick<AttachmentInfo, 'name' | 'head'>): boolean {
  if (EXECUTABLE_EXTENSIONS.has(extensionOf(file.name))) return true
  return SIGNATURES.some((signature) => signature.every((byte, index) => file.head[index] === byte))
}

const MB = 1024 * 1024

/** The first problem with the files, as `{ files: message }`; null when they may be attached. */
export function validateAttachments(files: readonly AttachmentInfo[]): FieldErrors | null {
  const fail = (message: string): FieldErrors => ({ files: message })
  if (files.length > ATTACHMENT_LIMITS.maxFiles) return fail(messageWith(profileMessage('tooManyFiles'), { max: ATTACHMENT_LIMITS.maxFiles }))
  for (const file of files) {
    const name = file.name
    if (characterCount(name) > ATTACHMENT_LIMITS.maxNameLength) return fail(messageWith(profileMessage('fileNameTooLong'), { max: ATTACHMENT_LIMITS.maxNameLength }))
    if (isExecutable(file)) return fail(messageWith(profileMessage('fileExecutable'), { name }))
    if (file.size <= 0) return fail(messageWith(profileMessage('fileEmpty'), { name }))
    if (file.size > ATTACHMENT_LIMITS.maxFileBytes) return fail(messageWith(profileMessage('fileTooLarge'), { name, maxMb: ATTACHMENT_LIMITS.maxFileBytes / MB }))
  }
  const total = files.reduce((sum, file) => sum + file.size, 0)
  if (total > ATTACHMENT_LIMITS.maxTotalBytes) return fail(messageWith(profileMessage('filesTooLarge'), { maxMb: ATTACHMENT_LIMITS.maxTotalBytes / MB }))
  return null
}
