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
// The frame's handshake and the widget's chunk start now, not after the first render.
app.provide(EARLY_BOOT, boot(window.location.search, useRequestCounter(pinia).record))
// The first render in a task of its own: after the scripts' evaluation in the same task it held
// the page over 200 ms (the kit's root builds its class merger and toaster on first mount).
setTimeout(() => app.mount('#app'), 0)
