import './assets/main.css'

import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n, localeBeforeFrame } from './ui/i18n'

// Thin on purpose: the shell (src/shell) does the Bitrix24 work.
createApp(App)
  .use(createPinia())
  .use(createAppI18n(localeBeforeFrame(window.location.search, navigator.language)))
  .use(b24UiPlugin)
  .mount('#app')
