/** What the tab reads of a lead (crm.lead.get) that conversion and notification need. */
export interface LeadData {
  id: number
  /** The lead's TITLE. */
  title: string
  /** «Компания» of the web form (COMPANY_TITLE). */
  companyTitle: string
  name: string
  lastName: string
  secondName: string
  phones: string[]
  emails: string[]
  /** «Тип объекта» chosen in the form: an object type code of the objects directory. */
  objectType: string | null
  /** «Дополнительные данные» of the form (COMMENTS). */
  comments: string
  assignedById: number | null
}

/** Trimmed, without blanks and repeats (compared ignoring spaces and case). */
export function cleanValues(values: readonly string[]): string[] {
  const seen = new Set<string>()
  const result: string[] = []
  for (const value of values) {
    const trimmed = value.trim()
    const key = trimmed.replace(/\s+/g, '').toLowerCase()
    if (trimmed === '' || seen.has(key)) continue
    seen.add(key)
    result.push(trimmed)
  }
  return result
}
