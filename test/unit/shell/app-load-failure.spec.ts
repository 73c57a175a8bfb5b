import { describe, expect, it } from 'vitest'
import { APP_LOAD_FAILED, showAppLoadFailure } from '@/shell/app-load-failure'

describe('the line a page shows when its app files cannot be loaded', () => {
  it('replaces whatever the root held with one alert in the user\'s language, as text', () => {
    const root = document.createElement('div')
    root.innerHTML = '<span>loading</span>'
    showAppLoadFailure(root, 'en')
    expect(root.children).toHaveLength(1)
    expect(root.firstElementChild?.getAttribute('role')).toBe('alert')
    expect(root.textContent).toBe(APP_LOAD_FAILED.en)
    showAppLoadFailure(root, 'ru')
    expect(root.textContent).toBe(APP_LOAD_FAILED.ru)
    expect(APP_LOAD_FAILED.ru).not.toBe(APP_LOAD_FAILED.en)
  })
})
