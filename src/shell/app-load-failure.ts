import type { AppLocale } from '@/ui/locale'

/**
 * Said when the Vue app's files cannot be loaded (the network dropped, or a deploy replaced the
 * hashed files this page names): vue-i18n and the kit are in those files, so the text is here, in
 * both languages, and is written as plain text into the page instead of leaving it blank.
 */
export const APP_LOAD_FAILED: Record<AppLocale, string> = {
  ru: 'Не удалось загрузить приложение. Обновите страницу; если это не поможет, сообщите администратору портала.',
  en: 'The app could not be loaded. Reload the page; if that does not help, tell your portal administrator.',
}

export function showAppLoadFailure(root: HTMLElement | null, locale: AppLocale): void {
  if (!root) return
  const line = document.createElement('p')
  line.setAttribute('role', 'alert')
  line.style.cssText = 'margin:24px;font:14px/1.5 system-ui,sans-serif;color:#333'
  line.textContent = APP_LOAD_FAILED[locale]
  root.replaceChildren(line)
}
