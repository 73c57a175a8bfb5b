import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import b24ui from '@bitrix24/b24ui-nuxt/vite'
import { defineConfig } from 'vite'
import { postAsGet } from './src/build/post-as-get'

const alias = {
  '@': fileURLToPath(new URL('./src', import.meta.url)),
  '~placements': fileURLToPath(new URL('./placements', import.meta.url)),
  '~widgets': fileURLToPath(new URL('./widgets', import.meta.url)),
}

// One page for every placement: the shell reads the placement from the frame's init
// data and lazy-loads that widget's chunk. Everything from node_modules shares one
// vendor chunk, cached once by the browser for all placements.
export default defineConfig({
  base: './',
  plugins: [
    vue(),
    b24ui({
      router: false,
      colorMode: false,
      prose: false,
      // Components and composables are imported explicitly: smaller, greppable.
      components: false,
      autoImport: false,
    }),
    postAsGet(),
  ],
  resolve: { alias },
  build: {
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/]/ }],
        },
      },
    },
  },
  server: { host: 'localhost', cors: true },
})
