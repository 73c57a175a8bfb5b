import './assets/main.css'

import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { markKitPlatform } from './shell/kit-platform'
import { createAppI18n, localeBeforeFrame } from './ui/i18n'

// Thin on purpose: the shell (src/shell) does the Bitrix24 work.
markKitPlatform(document.documentElement, navigator.userAgent)
createApp(App)
  .use(createPinia())
  .use(createAppI18n(localeBeforeFrame(window.location.search, navigator.language)))
  .mount('#app')
