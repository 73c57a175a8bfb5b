import {
  appendStatusLog,
  applyStatusAction,
  INITIAL_CLIENT_STATUS,
  ladderForSector,
  offeredSubStatuses,
  allStatusLevels,
  allSubStatuses,
  type ClientStatus,
  type SectorCode,
  type StatusAction,
  type StatusChangeRecord,
} from '@/domain/client-profile'
import { CLIENT_PROFILE_FIELDS as F } from '@/domain/fields/client-profile'
import type { RawCompanyRow } from '@/domain/reports'
import { NOW, seededRandom } from './generated-data'

/*
 * Companies whose client status was moved the way the «Профиль клиента» tab moves it: every change
 * goes through the tab's own `applyStatusAction`, is appended with `appendStatusLog` (JSON in the
 * status-log field, newest last, `at` from `toISOString()`), and the status fields hold the portal's
 * enumeration item IDs. The generator keeps its own list of changes to compare with.
 */

const DAY = 86_400_000

/**
 * `crm.company.userfield.list` filtered by FIELD_NAME: the field with its LIST of items, IDs the
 * portal's own (b24restdocs api-reference/crm/companies/userfields/crm-company-userfield-list.md).
 */
export const STATUS_FIELD_LIST = [
  { ID: '301', FIELD_NAME: F.status.fieldName, USER_TYPE_ID: 'enumeration', LIST: allStatusLevels().map((level, index) => ({ ID: String(1001 + index), SORT: String((index + 1) * 10), VALUE: level.label.ru, DEF: 'N', XML_ID: level.code })) },
]
export const SUB_STATUS_FIELD_LIST = [
  { ID: '302', FIELD_NAME: F.subStatus.fieldName, USER_TYPE_ID: 'enumeration', LIST: allSubStatuses().map(({ subStatus }, index) => ({ ID: String(2001 + index), SORT: String((index + 1) * 10), VALUE: subStatus.label.ru, DEF: 'N', XML_ID: subStatus.code })) },
]
const itemId = (list: typeof STATUS_FIELD_LIST, code: string | null) => (code === null ? '' : (list[0]!.LIST.find((item) => item.XML_ID === code)?.ID ?? ''))

export interface GeneratedCompany {
  row: RawCompanyRow
  /** every change made, oldest first (the log field keeps the last 200 of them) */
  records: StatusChangeRecord[]
  status: ClientStatus
  /** the log field was overwritten with text that is not a log */
  broken: boolean
}

function randomAction(random: () => number, status: ClientStatus, sector: SectorCode): StatusAction {
  const roll = random()
  if (status.inactive) return roll < 0.7 ? { type: 'reactivate' } : { type: 'set-manually', level: 'NEW' }
  const offered = offeredSubStatuses(status, sector)
  if (roll < 0.45 && offered.length > 0) return { type: 'choose-sub-status', subStatus: offered[Math.floor(random() * offered.length)]!.subStatus.code }
  if (roll < 0.7) return { type: 'advance' }
  if (roll < 0.85) return { type: 'deactivate' }
  const levels = ladderForSector(sector).levels
  return { type: 'set-manually', level: levels[Math.floor(random() * levels.length)]!.code }
}

/** `count` companies over three years; company `longLogId` gets more changes than the log keeps. */
export function generateCompanies(count: number, seed = 17, longLogId = 5): GeneratedCompany[] {
  const random = seededRandom(seed)
  const sectors: SectorCode[] = ['SECTOR_1', 'SECTOR_2', 'SECTOR_3', 'SECTOR_VED']
  const companies: GeneratedCompany[] = []
  for (let id = 1; id <= count; id++) {
    const sector = sectors[Math.floor(random() * sectors.length)]!
    const created = NOW - Math.floor(random() * 3 * 365 * DAY)
    const wanted = id === longLogId ? 230 : Math.floor(random() * 9)
    let status: ClientStatus = { ...INITIAL_CLIENT_STATUS }
    let moment = created
    const records: StatusChangeRecord[] = []
    let log = ''
    for (let attempt = 0; records.length < wanted && attempt < wanted * 4; attempt++) {
      // The long log is a busy client: changes hours apart, so all of them fit before NOW.
      moment += Math.floor(random() * (id === longLogId ? 3_600_000 : 40 * DAY))
      if (moment > NOW) break
      const result = applyStatusAction(status, randomAction(random, status, sector), {
        sector,
        by: 1 + Math.floor(random() * 6),
        at: new Date(moment).toISOString(),
        remark: random() < 0.2 ? `Замечание ${id}.${records.length + 1}` : undefined,
      })
      if (!result.ok) continue
      log = appendStatusLog(records, result.record)
      records.push(result.record)
      status = result.status
    }
    const broken = random() < 0.04 && records.length > 0 && id !== longLogId
    companies.push({
      row: {
        ID: String(id),
        DATE_CREATE: new Date(created).toISOString().replace('Z', '+00:00'),
        [F.statusLog.fieldName]: broken ? '[{"from": "обрезано' : log,
        [F.status.fieldName]: records.length > 0 ? itemId(STATUS_FIELD_LIST, status.level) : '',
        [F.subStatus.fieldName]: itemId(SUB_STATUS_FIELD_LIST, status.subStatus),
        [F.inactive.fieldName]: status.inactive ? '1' : '0',
      },
      records,
      status,
      broken,
    })
  }
  return companies
}

/** A Moscow viewer (UTC+3, minutes east): the offset the counts are pinned with, whatever the machine's zone. */
export const MOSCOW = 180
