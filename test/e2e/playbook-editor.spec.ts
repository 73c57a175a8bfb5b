import { mkdirSync } from 'node:fs'
import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CATEGORIES, KOSINO_PIPELINE_NAME } from '../../sandbox/demo/crm'
import type { Playbook } from '../../src/domain/playbook'
import { startAppSession, type AppSession } from './helpers/app-session'
import { chooseOption } from './helpers/kit-controls'
import { openNextStepsTab } from './helpers/next-steps-tab'

// Issue 16, the playbook editor: the admin edits the «Следующий шаг» playbook as a form per
// pipeline and stage of the portal, in Russian and in English; what is saved is read back through
// REST (app.option.get, b24restdocs common/settings/app-option-get.md) and the deal's tab works by
// it (a deal added with crm.deal.add, its tab opened as the manager). A JSON import naming a stage
// the portal does not have is refused with the nearest existing one, and nothing is saved.

const ADMIN = 1
const MANAGER = 3
const LANGS = ['ru', 'en'] as const
type Lang = (typeof LANGS)[number]

let session: AppSession
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim()

const SHOTS = process.env.SHOTS_DIR
/** The playbook section of the settings page, at 1280 px. */
async function shot(frame: Frame, name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await session.page.setViewportSize({ width: 1280, height: 900 })
  await frame.locator('[data-testid=settings-playbook]').screenshot({ path: `${SHOTS}/${name}.png` })
}

async function storedPlaybook(): Promise<Playbook> {
  return JSON.parse(await session.rest<string>('app.option.get', { option: 'playbook' })) as Playbook
}

/** The settings page as the admin, in `lang`, once the editor has read the portal. */
async function openEditor(lang: Lang): Promise<Frame> {
  await session.actAs(ADMIN)
  await session.context.addCookies([{ name: 'lang', value: lang, url: session.sandbox.origin }])
  const frame = await session.openAppPage()
  await frame.locator('[data-testid=playbook-form]').waitFor({ timeout: 30_000 })
  return frame
}

/** The stage's ID on the portal by its name (crm.status.list, b24restdocs crm/status/crm-status-list.md). */
async function stageId(categoryId: number, name: string): Promise<string> {
  const stages = await session.rest<{ STATUS_ID: string; NAME: string }[]>('crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${categoryId}` } })
  const id = stages.find((s) => s.NAME === name)?.STATUS_ID
  if (!id) throw new Error(`no stage ${name}`)
  return id
}

beforeAll(async () => {
  session = await startAppSession({ adminId: ADMIN, limits: false })
})

afterAll(async () => {
  await session?.close()
})

const CASES: Record<Lang, { pipeline: string; categoryId: number; stage: string; title: string; saved: string }> = {
  ru: { pipeline: KOSINO_PIPELINE_NAME, categoryId: DEMO_CATEGORIES.kosino, stage: 'Согласование договора', title: 'Проверить реквизиты арендатора', saved: 'Плейбук сохранён.' },
  en: { pipeline: 'Товары', categoryId: DEMO_CATEGORIES.goods, stage: 'Комплектация', title: 'Сверить остатки на складе', saved: 'Playbook saved.' },
}

describe.each(LANGS)('the playbook editor (issue 16), %s', (lang) => {
  const { pipeline, categoryId, stage, title, saved } = CASES[lang]

  it('the admin adds a task to a stage with the form and saves: the option holds it, the deal’s «Следующий шаг» offers it', async () => {
    const frame = await openEditor(lang)
    await chooseOption(frame, frame.locator('[data-testid=pb-pipeline]'), pipeline)
    await frame.locator(`[data-testid=pb-stage][data-stage="${stage}"]`).click()
    expect(squash(await frame.locator('#pb-stage-heading').textContent())).toBe(stage)
    const index = await frame.locator('[data-step]').count()
    await frame.locator('[data-testid=pb-add-task]').click()
    await frame.locator(`[data-testid=pb-step-${index}-title]`).fill(title)
    await frame.locator(`[data-testid=pb-step-${index}-deadline-days]`).fill('2')
    const head = lang === 'ru' ? 'Руководитель ответственного' : 'The responsible’s head'
    await chooseOption(frame, frame.locator(`[data-testid=pb-step-${index}-auditors-add]`), head, { adds: true })
    await frame.locator(`[data-testid=pb-step-${index}-auditors] li[data-value=head]`).waitFor({ timeout: 10_000 })
    await shot(frame, `playbook-editor-form-${lang}`)
    await frame.locator('[data-testid=playbook-save]').click()
    await frame.locator('[data-testid=playbook-saved]').waitFor({ timeout: 30_000 })
    expect(squash(await frame.locator('[data-testid=playbook-saved]').textContent())).toBe(saved)

    const playbook = await storedPlaybook()
    const steps = playbook.pipelines.find((p) => p.name === pipeline)!.stages.find((s) => s.name === stage)!.steps
    expect(steps.at(-1)).toMatchObject({ kind: 'task', title, responsible: 'responsible', auditors: ['head'], deadline: { kind: 'after', days: 2 } })

    await session.actAs(MANAGER)
    const dealId = Number(
      await session.restAs(MANAGER, 'crm.deal.add', {
        fields: { TITLE: `Редактор плейбука ${lang}`, CATEGORY_ID: categoryId, STAGE_ID: await stageId(categoryId, stage), OPPORTUNITY: 10000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: MANAGER },
      }),
    )
    const tab = await openNextStepsTab(session, dealId)
    expect(squash(await tab.locator('[data-testid=all-steps]').textContent())).toContain(title)
  })

  it('a JSON import naming a stage the portal does not have is refused with the nearest one; nothing is saved', async () => {
    const before = await storedPlaybook()
    const frame = await openEditor(lang)
    const typo = structuredClone(before)
    const p = typo.pipelines.findIndex((x) => x.name === pipeline)
    const s = typo.pipelines[p]!.stages.findIndex((x) => x.name === stage)
    typo.pipelines[p]!.stages[s]!.name = `${stage.slice(0, 4)}${stage.slice(5)}`
    await frame.locator('[data-testid=playbook-mode-json]').click()
    await frame.locator('[data-testid=playbook-json]').fill(JSON.stringify(typo), { timeout: 60_000 })
    await frame.locator('[data-testid=playbook-json-apply]').click()
    const errors = frame.locator('[data-testid=playbook-errors]')
    await errors.waitFor({ timeout: 30_000 })
    const wrong = typo.pipelines[p]!.stages[s]!.name
    expect(squash(await errors.textContent())).toContain(
      lang === 'ru'
        ? `pipelines[${p}].stages[${s}].name: В направлении «${pipeline}» на портале нет стадии «${wrong}». Ближайшая: «${stage}»`
        : `pipelines[${p}].stages[${s}].name: The pipeline «${pipeline}» on the portal has no stage «${wrong}». The nearest: «${stage}»`,
    )
    await shot(frame, `playbook-editor-json-refused-${lang}`)
    // Still the JSON view with what was typed; a save is refused the same way.
    expect(await frame.locator('[data-testid=playbook-json]').inputValue()).toContain(wrong)
    await frame.locator('[data-testid=playbook-save]').click()
    await errors.waitFor({ timeout: 30_000 })
    expect(await frame.locator('[data-testid=playbook-saved]').count()).toBe(0)
    expect(await storedPlaybook()).toEqual(before)
  })
})

describe('a playbook written around the editor, naming a stage the pipeline lacks', () => {
  it('the deal’s «Следующий шаг» says which stage’s rules do not apply and the nearest one, in ru and en', async () => {
    const before = await storedPlaybook()
    const typo = structuredClone(before)
    const kosino = typo.pipelines.find((p) => p.name === KOSINO_PIPELINE_NAME)!
    kosino.stages.find((s) => s.name === 'Подписание LOI')!.name = 'Подписание LIO'
    await session.rest('app.option.set', { options: { playbook: JSON.stringify(typo) } })
    try {
      const dealId = Number(
        await session.restAs(MANAGER, 'crm.deal.add', {
          fields: { TITLE: 'Плейбук с опечаткой', CATEGORY_ID: DEMO_CATEGORIES.kosino, STAGE_ID: await stageId(DEMO_CATEGORIES.kosino, 'Согласование договора'), ASSIGNED_BY_ID: MANAGER },
        }),
      )
      await session.actAs(MANAGER)
      for (const lang of LANGS) {
        await session.context.addCookies([{ name: 'lang', value: lang, url: session.sandbox.origin }])
        const tab = await openNextStepsTab(session, dealId)
        const warning = squash(await tab.locator('[data-testid=playbook-missing-stages]').textContent())
        expect(warning).toContain(
          lang === 'ru'
            ? `В направлении «${KOSINO_PIPELINE_NAME}» на портале нет стадии «Подписание LIO». Ближайшая: «Подписание LOI»`
            : `The pipeline «${KOSINO_PIPELINE_NAME}» on the portal has no stage «Подписание LIO». The nearest: «Подписание LOI»`,
        )
      }
    } finally {
      await session.rest('app.option.set', { options: { playbook: JSON.stringify(before) } })
    }
  })
})

describe('the playbook editor for a user who is not an admin', () => {
  it('shows the playbook without controls', async () => {
    await session.actAs(MANAGER)
    await session.context.addCookies([{ name: 'lang', value: 'ru', url: session.sandbox.origin }])
    const frame = await session.openAppPage()
    await frame.locator('[data-testid=settings-readonly]').waitFor({ timeout: 30_000 })
    const form = frame.locator('[data-testid=playbook-form]')
    await form.waitFor({ timeout: 30_000 })
    expect(squash(await form.textContent())).toContain('Выполнить Экспресс-идентификацию')
    expect(await form.locator('input, textarea, [data-testid=pb-add-task]').count()).toBe(0)
    expect(await frame.locator('[data-testid=playbook-save]').count()).toBe(0)
  })

  it('logged no errors in the page or its frames', () => {
    expect(session.errors).toEqual([])
  })
})
