import './assets/main.css'

import { createPinia } from 'pinia'
import { createApp } from 'vue'
import type { RequestCounter } from '@/b24/request-counter'
import { EARLY_BOOT } from '@/shell/boot'
import { APP_RAN_MARK } from '@/shell/frame-ready-mark'
import type { BootResult } from '@/shell/boot'
import { markKitPlatform } from '@/shell/kit-platform'
import { REQUEST_COUNTER } from '@/stores/request-counter'
import { createAppI18n } from '@/ui/i18n'
import { localeBeforeFrame } from '@/ui/locale'
import App from './App.vue'

performance.mark(APP_RAN_MARK)

/**
 * The Vue app: fetched while the page's first script (src/main.ts) does the frame's handshake, run once
 * the screen's first batch has left, and handed the boot's result and the page's request counter.
 */
export function mountApp(selector: string, early: Promise<BootResult>, requests: RequestCounter): void {
  markKitPlatform(document.documentElement, navigator.userAgent)
  createApp(App)
    .use(createPinia())
    .use(createAppI18n(localeBeforeFrame(window.location.search, navigator.language)))
    .provide(EARLY_BOOT, early)
    .provide(REQUEST_COUNTER, requests)
    .mount(selector)
}
