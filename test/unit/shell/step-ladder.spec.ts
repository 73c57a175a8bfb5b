import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import StepLadder from '@/ui/StepLadder.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Badge.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Badge') }))

const STEPS = [
  { code: 'NEW', label: 'Новый' },
  { code: 'NEED', label: 'Выяснение потребности' },
  { code: 'DONE', label: 'Обработан' },
]

const ladder = (props: { current: number; inactive?: boolean }) =>
  mount(StepLadder, { props: { steps: STEPS, stepTestId: 'level-', ...props }, attrs: { 'aria-label': 'Шаги' } })

const states = (wrapper: ReturnType<typeof ladder>) =>
  wrapper.findAll('li').map((li) => [li.attributes('data-testid'), li.attributes('data-state'), li.attributes('aria-current') ?? '', li.getComponent({ name: 'Badge' }).props('color'), li.text()])

describe('StepLadder', () => {
  it('is an ordered list of the kit’s badges: passed tinted, the current one filled and marked, the rest outlined', () => {
    const wrapper = ladder({ current: 1 })
    expect(wrapper.element.tagName).toBe('OL')
    expect(wrapper.attributes('aria-label')).toBe('Шаги')
    expect(states(wrapper)).toEqual([
      ['level-NEW', 'passed', '', 'air-secondary', 'Новый'],
      ['level-NEED', 'current', 'step', 'air-primary', 'Выяснение потребности'],
      ['level-DONE', 'ahead', '', 'air-tertiary', 'Обработан'],
    ])
  })

  it('keeps the current step marked but not filled when the record is out of the ladder', () => {
    expect(states(ladder({ current: 2, inactive: true }))[2]).toEqual(['level-DONE', 'current', 'step', 'air-tertiary', 'Обработан'])
  })
})
