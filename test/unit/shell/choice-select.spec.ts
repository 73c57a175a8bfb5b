// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { NO_CHOICE, fromSelectValue, selectItems, toSelectValue } from '@/ui/choice-select'

// The kit's select (reka-ui) refuses an item valued '' — the forms keep '' for «nobody chosen».
describe('choice select values', () => {
  const people = [{ value: '5', label: 'Михаил Лебедев' }]

  it('puts «nobody» first under a stand-in value, and only when the form offers it', () => {
    expect(selectItems(people, 'Не выбран')).toEqual([{ value: NO_CHOICE, label: 'Не выбран' }, ...people])
    expect(selectItems(people)).toEqual(people)
    expect(selectItems(people, 'Не выбран').some((item) => item.value === '')).toBe(false)
  })

  it('maps the form’s empty value to the stand-in and back; a chosen value passes unchanged', () => {
    expect(toSelectValue('', true)).toBe(NO_CHOICE)
    expect(toSelectValue('', false)).toBeUndefined()
    expect(toSelectValue('5', true)).toBe('5')
    expect(fromSelectValue(NO_CHOICE)).toBe('')
    expect(fromSelectValue(undefined)).toBe('')
    expect(fromSelectValue('5')).toBe('5')
  })
})
