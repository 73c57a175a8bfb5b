import './assets/main.css'

import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { boot, EARLY_BOOT } from './shell/boot'
import { markKitPlatform } from './shell/kit-platform'
import { useRequestCounter } from './stores/request-counter'
import { createAppI18n, localeBeforeFrame } from './ui/i18n'

// Thin on purpose: the shell (src/shell) does the Bitrix24 work.
markKitPlatform(document.documentElement, navigator.userAgent)
const pinia = createPinia()
const app = createApp(App)
  .use(pinia)
  .use(createAppI18n(localeBeforeFrame(window.location.search, navigator.language)))
// The frame's handshake, the widget's chunk and the screen's first batch start now, not after the first render.
const early = boot(window.location.search, useRequestCounter(pinia))
app.provide(EARLY_BOOT, early)
// The first render (a long task: the kit's root builds its class merger and toaster) waits for the
// portal's answer to the handshake, and runs in a task of its own after it, so the screen's batch
// has left before it rather than after; a portal slow to answer gets the loading screen after
// MOUNT_DEADLINE_MS.
const MOUNT_DEADLINE_MS = 200
const answeredOrLate = Promise.race([early, new Promise((resolve) => setTimeout(resolve, MOUNT_DEADLINE_MS))])
answeredOrLate.finally(() => setTimeout(() => app.mount('#app'), 0))
