/** The portal's side slider: a panel over the page's right side; closing it settles `closed`. */
export interface SliderHandle {
  body: HTMLElement
  closed: Promise<void>
  close(): void
  setTitle(title: string): void
}

export function openSlider(title: string, width?: number): SliderHandle {
  const overlay = document.createElement('div')
  overlay.className = 'slider-overlay'
  const panel = document.createElement('aside')
  panel.className = 'slider'
  if (width && width > 0) panel.style.width = `${Math.min(width, window.innerWidth - 40)}px`
  const head = document.createElement('div')
  head.className = 'slider-head'
  const heading = document.createElement('h2')
  heading.textContent = title
  const closeButton = document.createElement('button')
  closeButton.type = 'button'
  closeButton.className = 'slider-close'
  closeButton.textContent = '×'
  closeButton.setAttribute('aria-label', document.body.dataset.lang === 'en' ? 'Close' : 'Закрыть')
  head.append(heading, closeButton)
  const body = document.createElement('div')
  body.className = 'slider-body'
  panel.append(head, body)
  overlay.append(panel)
  document.body.append(overlay)

  let resolveClosed: () => void = () => {}
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve))
  let isOpen = true
  const close = () => {
    if (!isOpen) return
    isOpen = false
    overlay.remove()
    resolveClosed()
  }
  closeButton.addEventListener('click', close)
  overlay.addEventListener('click', (event) => {
    if (event.target === overlay) close()
  })
  return { body, closed, close, setTitle: (text) => (heading.textContent = text) }
}
