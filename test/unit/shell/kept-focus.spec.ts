import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { useKeptFocus } from '@/ui/kept-focus'

// The kit's button is disabled while its work runs; a disabled button loses the focus to the
// page's body (Chromium does so), and a keyboard user starts again from the top of the frame.

const busy = ref(false)
/** The work done takes the button off the screen (a status that no longer applies). */
const done = ref(false)
/** The work draws the form anew (the next step's form): the button is a new element, same test id. */
const step = ref(1)
/** Another item's button with the same test id (each request has its own «Согласовать»). */
const twin = ref(false)
const Form = defineComponent({
  setup() {
    useKeptFocus(() => busy.value)
    return () =>
      h('div', [
        h('input', { id: 'other' }),
        h('section', { id: 'home', tabindex: '-1', 'data-focus-home': '' }, [
          h('div', { 'data-item-id': 'a' }, [done.value ? null : h('button', { key: step.value, id: 'save', 'data-testid': 'save', disabled: busy.value }, 'Save')]),
          twin.value ? h('div', { 'data-item-id': 'b' }, [h('button', { id: 'twin', 'data-testid': 'save' }, 'Save')]) : null,
        ]),
      ])
  },
})

/** What Chromium does to a focused control that becomes disabled (happy-dom does not blur a disabled one). */
function dropFocusOfDisabled(): void {
  const active = document.activeElement as HTMLButtonElement | null
  if (!active?.disabled) return
  active.disabled = false
  active.blur()
  active.disabled = true
}

afterEach(() => {
  busy.value = false
  done.value = false
  step.value = 1
  twin.value = false
  document.body.innerHTML = ''
})

/** The save button pressed: it has the focus, the work starts, the disabled button drops the focus. */
async function pressSave() {
  const wrapper = mount(Form, { attachTo: document.body })
  const save = wrapper.get('#save').element as HTMLButtonElement
  save.focus()
  busy.value = true
  await nextTick()
  dropFocusOfDisabled()
  expect(document.activeElement).toBe(document.body)
  return { wrapper, save }
}

/** The work ends; the watcher restores the focus a tick after the re-render. */
async function finish(): Promise<void> {
  busy.value = false
  await nextTick()
  await nextTick()
}

describe('useKeptFocus', () => {
  it('gives the focus back to the control that had it when the work is done', async () => {
    const { wrapper, save } = await pressSave()
    await finish()
    expect(document.activeElement).toBe(save)
    wrapper.unmount()
  })

  it('when the work drew the control anew, gives the focus to the new one with its test id', async () => {
    const { wrapper, save } = await pressSave()
    step.value = 2
    await finish()
    expect(save.isConnected).toBe(false)
    expect(document.activeElement).toBe(wrapper.get('#save').element)
    wrapper.unmount()
  })

  it('when the work took the control away, gives the focus to the section around it', async () => {
    const { wrapper } = await pressSave()
    done.value = true
    await finish()
    expect(document.activeElement).toBe(wrapper.get('#home').element)
    wrapper.unmount()
  })

  it('never to another item\'s control with the same test id: to the section instead', async () => {
    const { wrapper } = await pressSave()
    twin.value = true
    done.value = true
    await finish()
    expect(document.activeElement).toBe(wrapper.get('#home').element)
    wrapper.unmount()
  })

  it('leaves the focus where the screen put it meanwhile (an error field)', async () => {
    const { wrapper } = await pressSave()
    const other = wrapper.get('#other').element as HTMLInputElement
    other.focus()
    await finish()
    expect(document.activeElement).toBe(other)
    wrapper.unmount()
  })
})
