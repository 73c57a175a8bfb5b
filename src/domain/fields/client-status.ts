/**
 * The names of the company's client-status fields (defined with their enumerations in
 * client-profile.ts). The report domain and «Сводка» read these fields by name only: importing
 * them from here keeps the profile's directories (sectors, profiles, categories, sources) and
 * their schemas out of those screens' chunks.
 */
export const CLIENT_STATUS_FIELD_NAMES = {
  /** The sector picks the ladder (sectors 1 and 2 have their own). */
  sector: 'UF_CRM_KOS_SECTOR',
  status: 'UF_CRM_KOS_STATUS',
  subStatus: 'UF_CRM_KOS_SUBSTATUS',
  inactive: 'UF_CRM_KOS_INACTIVE',
  /** JSON array of StatusChangeRecord: who moved the status from where to where, and when. */
  statusLog: 'UF_CRM_KOS_STATUS_LOG',
} as const
