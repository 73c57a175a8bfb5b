// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { manifest } from '~placements/manifest'
import type { WidgetEntry } from '~placements/manifest'
import { resolveWidget } from '~placements/resolve'

const stub = (id: string, placement: string): WidgetEntry => ({
  id,
  placement,
  handlerQuery: `widget=${id}`,
  titles: { ru: id, en: id },
  load: () => Promise.reject(new Error('not loaded in this test')),
})

describe('resolveWidget', () => {
  const entries = [stub('home', 'DEFAULT'), stub('tab-a', 'CRM_DEAL_DETAIL_TAB'), stub('tab-b', 'CRM_DEAL_DETAIL_TAB')]

  it('picks the entry named by widget= among tabs of one placement', () => {
    const resolved = resolveWidget(entries, 'CRM_DEAL_DETAIL_TAB', 'tab-b')
    expect(resolved.kind === 'widget' && resolved.entry.id).toBe('tab-b')
  })
  it('takes the first entry of the placement without widget=', () => {
    const resolved = resolveWidget(entries, 'CRM_DEAL_DETAIL_TAB', null)
    expect(resolved.kind === 'widget' && resolved.entry.id).toBe('tab-a')
  })
  it('reports an unknown placement', () => {
    expect(resolveWidget(entries, 'CRM_LEAD_DETAIL_TAB', null)).toEqual({ kind: 'unknown', placement: 'CRM_LEAD_DETAIL_TAB', widget: null })
  })
  it('lets the app page show another app page by name, but never a card tab', () => {
    const pages = [...entries, stub('inbox', 'LEFT_MENU')]
    const inbox = resolveWidget(pages, 'DEFAULT', 'inbox')
    expect(inbox.kind === 'widget' && inbox.entry.id).toBe('inbox')
    expect(resolveWidget(pages, 'DEFAULT', 'tab-a')).toEqual({ kind: 'unknown', placement: 'DEFAULT', widget: 'tab-a' })
    expect(resolveWidget(pages, 'LEFT_MENU', 'home')).toEqual({ kind: 'unknown', placement: 'LEFT_MENU', widget: 'home' })
  })
  it('does not show another placement’s widget for a mismatched widget=', () => {
    expect(resolveWidget(entries, 'CRM_DEAL_DETAIL_TAB', 'home')).toEqual({ kind: 'unknown', placement: 'CRM_DEAL_DETAIL_TAB', widget: 'home' })
  })
})

describe('the app manifest', () => {
  it('opens settings on the app page and next-steps in the deal tab', () => {
    const home = resolveWidget(manifest, 'DEFAULT', null)
    const tab = resolveWidget(manifest, 'CRM_DEAL_DETAIL_TAB', 'next-steps')
    expect(home.kind === 'widget' && home.entry.id).toBe('settings')
    expect(tab.kind === 'widget' && tab.entry.titles.ru).toBe('Следующий шаг')
  })
  it('has unique ids and handler queries widget=<id>', () => {
    const ids = manifest.map((entry) => entry.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const entry of manifest) expect(entry.handlerQuery).toBe(`widget=${entry.id}`)
  })
})
