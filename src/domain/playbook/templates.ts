/**
 * `{name}` placeholders in playbook texts. Unknown names stay as written so a typo in
 * the playbook is visible rather than silently blank.
 */
export function renderTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{([a-zA-Z]+(?::[a-zA-Z]+)?)\}/g, (whole, name: string) => vars[name] ?? whole)
}
