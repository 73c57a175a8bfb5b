import { leadRecipientsSchema, type LeadRecipientsConfig } from '@/domain/lead-processing'
import { optionJson } from '@/domain/option-json'
import { defaultObjectsDirectory, parseObjectsDirectory, type ObjectsDirectory } from '@/domain/sale'

/*
 * The app options the new-lead notice is planned from (b24restdocs
 * api-reference/common/settings/app-option-get.md: a JSON string, or null when unset).
 */

/** The L3 map object type → recipients (admin writes, everyone reads). */
export const LEAD_RECIPIENTS_OPTION = 'leadRecipients'

/** The sale tab's app option with the admin's objects directory (Приложение 1). */
export const OBJECTS_DIRECTORY_OPTION = 'saleObjectsDirectory'

export function parseRecipientsOption(raw: unknown): LeadRecipientsConfig {
  const parsed = leadRecipientsSchema.safeParse(optionJson(raw))
  return parsed.success ? parsed.data : { version: 1, byObjectType: {} }
}

/** The admin's objects directory, or the default one. */
export function parseDirectoryOption(raw: unknown): ObjectsDirectory {
  if (raw === null || raw === undefined || raw === '') return defaultObjectsDirectory()
  const read = parseObjectsDirectory(raw)
  return read.ok ? read.directory : defaultObjectsDirectory()
}
