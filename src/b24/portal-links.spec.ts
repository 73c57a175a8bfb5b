// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { dealCardPath, portalHref } from './portal-links'

describe('portal links', () => {
  it('puts portal paths on the portal origin, keeps absolute URLs, refuses the rest', () => {
    expect(portalHref('https://firma.bitrix24.ru', dealCardPath(12))).toBe('https://firma.bitrix24.ru/crm/deal/details/12/')
    // legacy crm.deal.get file value: showUrl is a portal path
    expect(portalHref('https://firma.bitrix24.ru', '/bitrix/components/bitrix/crm.deal.show/show_file.php?ownerId=1&fileId=5')).toBe(
      'https://firma.bitrix24.ru/bitrix/components/bitrix/crm.deal.show/show_file.php?ownerId=1&fileId=5',
    )
    expect(portalHref('https://firma.bitrix24.ru', 'https://other.example/f/1')).toBe('https://other.example/f/1')
    expect(portalHref(null, dealCardPath(7))).toBe('/crm/deal/details/7/')
    expect(portalHref('https://firma.bitrix24.ru', 'javascript:alert(1)')).toBeNull()
    expect(portalHref('https://firma.bitrix24.ru', '//evil.example/x')).toBeNull()
    expect(portalHref('https://firma.bitrix24.ru', null)).toBeNull()
  })
})
