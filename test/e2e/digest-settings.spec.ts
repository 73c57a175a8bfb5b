import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_REPORT_FIELDS,
  DepartmentTree,
  buildDigest,
  coveredWeek,
  dealSelect,
  digestMessage,
  DIGEST_OPTION,
  lastDueMoment,
  parseDigestSettings,
  toReportDeal,
  toReportDepartment,
  toReportUser,
  type RawDealRow,
  type RawDepartmentRow,
  type RawUserRow,
} from '../../src/domain/reports'
import { startAppSession, type AppSession } from './helpers/app-session'
import { chooseOption } from './helpers/kit-controls'
import { shotsAt1280 } from './helpers/report-page'

// The weekly digest's settings block (issue 15) on the app's settings page, as the admin uses it:
// the weekday and hour (portal time) chosen in the kit's selects, on/off by the kit's checkbox, each
// save read back through app.option.get (b24restdocs api-reference/common/settings/app-option-get.md).

const HEAD = 2
let session: AppSession

beforeAll(async () => {
  session = await startAppSession({ limits: false })
}, 180_000)

afterAll(async () => {
  await session?.close()
})

const setLang = (lang: 'ru' | 'en') => session.context.addCookies([{ name: 'lang', value: lang, url: session.sandbox.origin }])
const stored = async () => parseDigestSettings(await session.rest('app.option.get', { option: DIGEST_OPTION }))

async function openSection(lang: 'ru' | 'en') {
  await setLang(lang)
  const home = await session.openAppPage()
  const section = home.getByTestId('settings-digest')
  await section.waitFor({ timeout: 60_000 })
  return { home, section }
}

describe('settings: the weekly digest', () => {
  it('the admin moves it to Friday 17:00 (ru), then turns it off (en); the portal keeps each save', async () => {
    const { home, section } = await openSection('ru')
    // Default: on, Monday 09:00.
    expect(await section.getByTestId('digest-weekday').textContent()).toContain('Понедельник')
    expect(await section.getByTestId('digest-hour').textContent()).toContain('09:00')
    await chooseOption(home, section.getByTestId('digest-weekday'), 'Пятница')
    await chooseOption(home, section.getByTestId('digest-hour'), '17:00')
    await section.getByTestId('digest-save').click()
    await section.getByTestId('digest-saved').waitFor({ timeout: 30_000 })
    expect(await section.getByTestId('digest-saved').textContent()).toBe('Сохранено')
    expect(await stored()).toEqual({ enabled: true, weekday: 5, hour: 17 })

    const en = await openSection('en')
    expect(await en.section.getByTestId('digest-weekday').textContent()).toContain('Friday')
    expect(await en.section.getByTestId('digest-hour').textContent()).toContain('17:00')
    const enabled = en.section.getByRole('checkbox')
    expect(await en.section.textContent()).toContain('Send the digest to department heads')
    expect(await enabled.getAttribute('aria-checked')).toBe('true')
    await enabled.click()
    await expect.poll(() => enabled.getAttribute('aria-checked')).toBe('false')
    await en.section.getByTestId('digest-save').click()
    await en.section.getByTestId('digest-saved').waitFor({ timeout: 30_000 })
    expect(await stored()).toEqual({ enabled: false, weekday: 5, hour: 17 })
  }, 180_000)

  it('screenshots at 1280 px, ru and en: the block and a digest in the sandbox portal’s notifications (SHOTS_DIR)', async () => {
    const dir = await shotsAt1280(session)
    if (!dir) return
    // A digest built as the runner builds it, from what REST gives the admin, sent to the sales head.
    const read = async <T>(method: string, params: Record<string, unknown>) => {
      const rows: T[] = []
      for (let start = 0; ; start += 50) {
        const page = await session.rest<T[]>(method, { ...params, start })
        rows.push(...page)
        if (page.length < 50) return rows
      }
    }
    const departments = (await read<RawDepartmentRow>('department.get', {})).map(toReportDepartment)
    const users = new Map((await read<RawUserRow>('user.get', {})).map(toReportUser).map((u) => [u.id, u]))
    const deals = (await read<RawDealRow>('crm.deal.list', { select: dealSelect(DEFAULT_REPORT_FIELDS) })).map((row) => toReportDeal(row))
    const tree = new DepartmentTree(departments)
    const sales = departments.find((d) => d.headId === HEAD)!
    const now = Date.now()
    const week = coveredWeek(lastDueMoment(parseDigestSettings(undefined), now, 0), 0)
    const digest = buildDigest({ department: sales, deals, users, tree, week, now })
    const links = { report: `${session.sandbox.origin}/marketplace/view/app/`, deal: (id: number) => `${session.sandbox.origin}/crm/deal/details/${id}/` }
    for (const lang of ['ru', 'en'] as const) {
      const { section } = await openSection(lang)
      await section.screenshot({ path: `${dir}/settings-digest-${lang}.png` })
      await session.rest('im.notify.system.add', { USER_ID: HEAD, MESSAGE: digestMessage(digest, lang, links), TAG: `APP_WEEKLY_DIGEST_SHOT_${lang}` })
      await session.actAs(HEAD)
      await session.page.goto(`${session.sandbox.origin}/`)
      await session.page.getByTestId('notifications').screenshot({ path: `${dir}/digest-notification-${lang}.png` })
      await session.actAs(session.adminId)
    }
  }, 180_000)
})
