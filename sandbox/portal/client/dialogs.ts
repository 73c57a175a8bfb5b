/** The portal's selection dialogs (selectUser / selectAccess / selectCRM) as one small modal. */
export interface ChoiceItem {
  id: string
  label: string
  hint?: string
  group?: string
  checked?: boolean
  disabled?: boolean
}

const en = () => document.body.dataset.lang === 'en'

/** Resolves the chosen ids, or null when the dialog is cancelled. */
export function chooseFromList(title: string, items: ChoiceItem[], multiple: boolean): Promise<string[] | null> {
  return new Promise((resolve) => {
    const overlay = document.createElement('div')
    overlay.className = 'modal-overlay'
    const modal = document.createElement('div')
    modal.className = 'modal'
    modal.setAttribute('role', 'dialog')
    modal.dataset.testid = 'select-dialog'
    const heading = document.createElement('h2')
    heading.textContent = title
    const search = document.createElement('input')
    search.type = 'search'
    search.placeholder = en() ? 'Search' : 'Поиск'
    const list = document.createElement('div')
    list.className = 'modal-list'
    const name = `choice-${Math.random().toString(36).slice(2)}`
    let group: string | undefined
    for (const item of items) {
      if (item.group && item.group !== group) {
        group = item.group
        const header = document.createElement('div')
        header.className = 'modal-group'
        header.textContent = item.group
        list.append(header)
      }
      const row = document.createElement('label')
      row.className = 'modal-item'
      row.dataset.search = `${item.label} ${item.hint ?? ''}`.toLowerCase()
      const input = document.createElement('input')
      input.type = multiple ? 'checkbox' : 'radio'
      input.name = name
      input.value = item.id
      input.checked = item.checked === true
      input.disabled = item.disabled === true
      const text = document.createElement('span')
      text.textContent = item.label
      row.append(input, text)
      if (item.hint) {
        const hint = document.createElement('small')
        hint.textContent = item.hint
        row.append(hint)
      }
      list.append(row)
    }
    search.addEventListener('input', () => {
      const query = search.value.toLowerCase()
      for (const row of list.querySelectorAll<HTMLElement>('.modal-item')) row.hidden = !(row.dataset.search ?? '').includes(query)
    })
    const actions = document.createElement('div')
    actions.className = 'modal-actions'
    const ok = document.createElement('button')
    ok.type = 'button'
    ok.className = 'primary'
    ok.dataset.action = 'select'
    ok.textContent = en() ? 'Select' : 'Выбрать'
    const cancel = document.createElement('button')
    cancel.type = 'button'
    cancel.dataset.action = 'cancel'
    cancel.textContent = en() ? 'Cancel' : 'Отмена'
    actions.append(ok, cancel)
    modal.append(heading, search, list, actions)
    overlay.append(modal)
    document.body.append(overlay)

    const finish = (value: string[] | null) => {
      overlay.remove()
      resolve(value)
    }
    ok.addEventListener('click', () => {
      const chosen = [...list.querySelectorAll<HTMLInputElement>('input:checked')].filter((input) => !input.disabled).map((input) => input.value)
      finish(chosen)
    })
    cancel.addEventListener('click', () => finish(null))
    // Single choice: a double click picks at once.
    if (!multiple) list.addEventListener('dblclick', () => ok.click())
  })
}
