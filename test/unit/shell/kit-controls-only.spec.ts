import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// Issue 14: forms use the Bitrix24 UI kit's controls, never raw native ones. The screens already
// converted are listed here; a screen joins the list once it is converted, until every one is.
const CONVERTED = [
  'widgets/next-steps/PlaybookPeople.vue',
  'widgets/next-steps/components/KeyFieldsForm.vue',
  'widgets/settings/sections/ApprovalSettings.vue',
  'widgets/lead-processing/parts/TransitionForm.vue',
  'widgets/lead-processing/LeadRecipientsSettings.vue',
  'src/ui/ChoiceSelect.vue',
]
const RAW = /<(select|input|textarea|fieldset|table)\b/g

describe('converted screens use the kit’s controls only', () => {
  it.each(CONVERTED)('%s has no raw <select>, <input>, <textarea>, <fieldset> or <table>', (path) => {
    const source = readFileSync(resolve(path), 'utf8')
    const template = source.slice(source.indexOf('<template>'))
    expect(template.match(RAW) ?? []).toEqual([])
  })
})
