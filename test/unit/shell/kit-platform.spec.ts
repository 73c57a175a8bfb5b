import { describe, expect, it } from 'vitest'
import { kitPlatform, markKitPlatform } from '@/shell/kit-platform'

describe('kit platform attributes', () => {
  it('names the Bitrix24 apps and the web as the kit does', () => {
    expect(kitPlatform('Mozilla/5.0 (Linux; Android 14) BitrixMobile/Version=57')).toEqual({ name: 'bitrix-mobile', version: '57' })
    expect(kitPlatform('Mozilla/5.0 (Windows NT 10.0) BitrixDesktop/16.0.4.8')).toEqual({ name: 'bitrix-desktop', version: '16.0.4.8' })
    expect(kitPlatform('Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36')).toEqual({ name: 'web', version: 'air' })
  })

  it('sets data-platform and data-version on the root the kit CSS reads', () => {
    const root = document.createElement('html')
    markKitPlatform(root, 'Mozilla/5.0 Chrome/140.0')
    expect(root.getAttribute('data-platform')).toBe('web')
    expect(root.getAttribute('data-version')).toBe('air')
  })
})
