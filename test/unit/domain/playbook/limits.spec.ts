// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DEFAULT_PLAYBOOK, parsePlaybook, PLAYBOOK_JSON_MAX } from '@/domain/playbook'

// A task title is tasks.task.add TITLE (b24restdocs api-reference/tasks/tasks-task-add.md); the
// playbook is one app option (common/settings/app-option-set.md).
describe('what a playbook may put into the portal', () => {
  const withFirstTask = (patch: Record<string, unknown>) => {
    const playbook = structuredClone(DEFAULT_PLAYBOOK) as unknown as { pipelines: { stages: { steps: Record<string, unknown>[] }[] }[] }
    Object.assign(playbook.pipelines[0]!.stages[1]!.steps[1]!, patch)
    return playbook
  }
  const errorsOf = (value: unknown) => {
    const result = parsePlaybook(value)
    return result.ok ? [] : result.errors.map((error) => error.text)
  }

  it('refuses a task title over 255 characters or of spaces only, with the path, in both languages', () => {
    const long = errorsOf(withFirstTask({ title: 'Задача '.repeat(40) }))
    expect(long.map((text) => text.ru)).toEqual([expect.stringMatching(/^pipelines\[0\]\.stages\[1\]\.steps\[1\]\.title: .*255/)])
    expect(long[0]!.en).toMatch(/255/)
    expect(errorsOf(withFirstTask({ title: '   ' }))[0]!.ru).toMatch(/из одних пробелов/)
    expect(errorsOf(withFirstTask({ title: 'x'.repeat(255) }))).toEqual([])
  })

  it('refuses a task description over 10 000 characters', () => {
    expect(errorsOf(withFirstTask({ description: 'я'.repeat(10_001) }))[0]!.en).toMatch(/steps\[1\]\.description: .*10000/)
  })

  it('refuses a playbook text over the option cap before reading it', () => {
    const text = JSON.stringify(DEFAULT_PLAYBOOK).padEnd(PLAYBOOK_JSON_MAX + 1, ' ')
    expect(errorsOf(text)[0]!.ru).toBe('(root): Плейбук длиннее 200 000 символов: сократите его')
    expect(errorsOf(JSON.stringify(DEFAULT_PLAYBOOK, null, 2))).toEqual([])
  })
})
