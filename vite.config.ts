import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import b24ui from '@bitrix24/b24ui-nuxt/vite'
import { defineConfig } from 'vite'
import { librariesReachedFrom } from './src/build/chunk-groups'
import { kitIcons } from './src/build/kit-icons'
import { kitOptions } from './src/build/kit-options'
import { postAsGet } from './src/build/post-as-get'
import { rekaNamespaces } from './src/build/reka-namespaces'
import { widgetPreload } from './src/build/widget-preload'

const alias = {
  '@': fileURLToPath(new URL('./src', import.meta.url)),
  '~placements': fileURLToPath(new URL('./placements', import.meta.url)),
  '~widgets': fileURLToPath(new URL('./widgets', import.meta.url)),
}

/**
 * Kit components the app imports (`@bitrix24/b24ui-nuxt/components/Button.vue` → `Button`),
 * named by path so a local name without the `B24` prefix is not missed by the kit's
 * own detection, which matches `B24Button`-like names only.
 */
function importedKitComponents(folders: string[]): string[] {
  const names = new Set<string>()
  const importPath = /@bitrix24\/b24ui-nuxt\/components\/([A-Za-z]+)\.vue/g
  for (const folder of folders) {
    const root = fileURLToPath(new URL(folder, import.meta.url))
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!/\.(vue|ts)$/.test(file) || file.endsWith('.spec.ts')) continue
      for (const match of readFileSync(join(root, file), 'utf8').matchAll(importPath)) names.add(match[1]!)
    }
  }
  return [...names].sort()
}

// One page for every placement: the shell reads the placement from the frame's init
// data and lazy-loads that widget's chunk. The page starts twice: its entry (src/main.ts,
// the SDK and the boot) starts the frame's handshake, and the Vue app (src/app.ts, a second
// entry so rolldown's `$initial` tag covers it) comes next. The SDK's libraries share an
// `sdk` chunk; those the app loads statically (vue, pinia, vue-i18n, the kit's core) a
// `vendor` chunk; a library only some widgets import stays out of both and lands in those
// widgets' lazy chunks (or a common chunk between them), split by rolldown itself.
export default defineConfig({
  base: './',
  plugins: [
    rekaNamespaces(),
    vue(),
    b24ui(kitOptions(importedKitComponents(['./src', './widgets', './placements']))),
    kitIcons(),
    postAsGet(),
    widgetPreload(fileURLToPath(new URL('./placements/manifest.ts', import.meta.url))),
  ],
  resolve: { alias },
  // vue-i18n's feature flags (vue-i18n.intlify.dev «Optimization»): the app uses the Composition
  // API only (`legacy: false`), none of the <i18n-t>/<i18n-d>/<i18n-n> components or `v-t`, and
  // compiles its texts with src/ui/message-compiler.ts, so vue-i18n's message compiler, legacy API
  // and devtools hooks are left out of the bundle.
  define: {
    // Vue's Options API (data/methods/mixins): neither the app nor a library it bundles declares a
    // component that way (all are `setup` or render functions), so Vue's support for it is left out.
    __VUE_OPTIONS_API__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  // package.json `sideEffects` names the app's modules that act when imported (main.ts, i18n.ts's compiler,
  // chart-setup.ts's registrations, the deals worker) besides styles and SFCs: every other module is left
  // out of a chunk when no export of it is used, so a domain barrel costs a screen only what it takes.
  // A new module that registers or listens on import belongs in that list (the e2e console checks
  // caught chart-setup.ts's registration dropped when it was not).
  build: {
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: { index: fileURLToPath(new URL('./index.html', import.meta.url)), app: fileURLToPath(new URL('./src/app.ts', import.meta.url)) },
      output: {
        codeSplitting: {
          groups: [
            { name: librariesReachedFrom('sdk', new URL('./src/main.ts', import.meta.url)), debugName: 'sdk', priority: 2 },
            // `$initial`: modules an entry (here: the app's) reaches through static imports.
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
  server: { host: 'localhost', cors: true },
})
