import { html, type SafeHtml } from '../html'
import type { Lang } from '../session'
import { t, type TextKey } from '../texts'
import type { ObjectTypeChoice, WebformProblem, WebformValues } from '../webform-lead'

/**
 * `/crm/form/feedback/` «Форма обратной связи»: a public CRM form page, as Bitrix24 publishes
 * one — no portal chrome, no signed-in user needed. Every value is escaped by `html`.
 */

export const WEBFORM_PATH = '/crm/form/feedback/'

export interface WebformView {
  lang: Lang
  choices: ObjectTypeChoice[] | null
  values?: WebformValues
  problems?: WebformProblem[]
  sent?: boolean
}

const PROBLEM_TEXT: Record<WebformProblem, TextKey> = {
  nameRequired: 'webformNameRequired',
  contactRequired: 'webformContactRequired',
  phoneInvalid: 'webformPhoneInvalid',
  emailInvalid: 'webformEmailInvalid',
  objectTypeUnknown: 'webformObjectTypeUnknown',
}

function input(name: keyof WebformValues, label: string, value: string, type = 'text', autocomplete = ''): SafeHtml {
  return html`<label class="webform-field">${label}
  <input type="${type}" name="${name}" value="${value}" data-testid="webform-${name}" ${autocomplete ? html`autocomplete="${autocomplete}"` : ''}></label>`
}

function objectTypeInput(view: WebformView, value: string): SafeHtml {
  const label = t(view.lang, 'webformObjectType')
  if (!view.choices) return input('objectType', label, value)
  return html`<label class="webform-field">${label}
  <select name="objectType" data-testid="webform-objectType">
    <option value="">—</option>
    ${view.choices.map((choice) => html`<option value="${choice.id}" ${choice.id === value ? 'selected' : ''}>${choice.label}</option>`)}
  </select></label>`
}

export function webformPage(view: WebformView): SafeHtml {
  const { lang } = view
  const values: WebformValues = view.values ?? { name: '', company: '', phone: '', email: '', objectType: '', comment: '' }
  const problems = view.problems ?? []
  const body = view.sent
    ? html`<div class="webform-done" role="status" data-testid="webform-thanks">
  <h2>${t(lang, 'webformThanks')}</h2>
  <p>${t(lang, 'webformThanksText')}</p>
  <p><a href="${WEBFORM_PATH}">${t(lang, 'webformAgain')}</a></p>
</div>`
    : html`${problems.length
        ? html`<div class="webform-errors" role="alert" data-testid="webform-errors"><ul>${problems.map((problem) => html`<li>${t(lang, PROBLEM_TEXT[problem])}</li>`)}</ul></div>`
        : ''}
<form method="post" action="${WEBFORM_PATH}" class="webform" data-testid="webform" novalidate>
  ${input('name', `${t(lang, 'webformName')} *`, values.name, 'text', 'name')}
  ${input('company', t(lang, 'webformCompany'), values.company, 'text', 'organization')}
  ${input('phone', t(lang, 'webformPhone'), values.phone, 'tel', 'tel')}
  ${input('email', t(lang, 'webformEmail'), values.email, 'email', 'email')}
  ${objectTypeInput(view, values.objectType)}
  <label class="webform-field">${t(lang, 'webformComment')}
  <textarea name="comment" rows="4" data-testid="webform-comment">${values.comment}</textarea></label>
  <p class="muted">${t(lang, 'webformHint')}</p>
  <button type="submit" data-testid="webform-submit">${t(lang, 'webformSubmit')}</button>
</form>`
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(lang, 'webformTitle')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/portal-assets/portal.css">
<style>
.webform-page { max-width: 560px; margin: 40px auto; background: #fff; border-radius: 12px; padding: 28px 32px; box-shadow: 0 2px 12px rgba(0,0,0,.06); }
.webform { display: flex; flex-direction: column; gap: 14px; }
.webform-field { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: #525c69; }
.webform-field input, .webform-field select, .webform-field textarea { font: inherit; font-size: 15px; padding: 9px 10px; border: 1px solid #c6cdd3; border-radius: 6px; }
.webform button { align-self: flex-start; font: inherit; font-weight: 600; padding: 10px 22px; border: 0; border-radius: 6px; background: #bbed21; color: #535c69; cursor: pointer; }
.webform-errors { background: #ffe8e8; color: #a01818; border-radius: 6px; padding: 8px 14px; margin-bottom: 12px; }
.webform-footer { text-align: center; font-size: 12px; color: #a8adb4; margin-top: 18px; }
</style>
</head>
<body data-lang="${lang}">
<main class="webform-page">
  <h1>${t(lang, 'webformTitle')}</h1>
  ${body}
  <p class="webform-footer">${t(lang, 'webformFooter')}</p>
</main>
</body>
</html>`
}
