import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref } from 'vue'
import { useSavedToast } from '@/ui/saved-toast'
import { FRAME_TOP, toastPlace, toastPlaceBeside } from '@/ui/toast-place'

const added: { title: string }[] = []
vi.mock('@bitrix24/b24ui-nuxt/composables/useToast', () => ({ useToast: () => ({ add: (toast: { title: string }) => added.push(toast) }) }))

afterEach(() => {
  added.length = 0
  toastPlace.value = FRAME_TOP
  document.body.innerHTML = ''
})

describe('where a toast after a save shows', () => {
  it('right above the action bar, its offset from the frame\'s bottom; below the bar when the bar is at the frame\'s top', () => {
    // A 2,400 px tall frame, the bar at 1,500 px: the toast's bottom edge 8 px above the bar.
    expect(toastPlaceBeside({ top: 1500, bottom: 1552 }, 2400)).toEqual({ position: 'bottom-right', offset: 908 })
    expect(toastPlaceBeside({ top: 20, bottom: 72 }, 2400)).toEqual({ position: 'top-right', offset: 80 })
  })

  it('places the toast beside the bar it was given before adding it, and at the frame\'s top without one', async () => {
    const bar = document.createElement('div')
    document.body.append(bar)
    bar.getBoundingClientRect = () => ({ top: 1500, bottom: 1552, left: 0, right: 1000, width: 1000, height: 52, x: 0, y: 1500, toJSON: () => ({}) })
    const notice = ref<string | null>(null)
    const scope = effectScope()
    scope.run(() => useSavedToast(() => notice.value, () => bar))
    window.innerHeight = 2400
    notice.value = 'Сохранено в карточке.'
    await flushPromises()
    expect(added.map((toast) => toast.title)).toEqual(['Сохранено в карточке.'])
    expect(toastPlace.value).toEqual({ position: 'bottom-right', offset: 908 })

    notice.value = null
    await flushPromises()
    bar.remove()
    notice.value = 'Сохранено в карточке.'
    await flushPromises()
    expect(added).toHaveLength(2)
    expect(toastPlace.value).toEqual(FRAME_TOP)
    scope.stop()
  })
})
