// Flat config: Vue 3 recommended rules + typescript-eslint through @vue/eslint-config-typescript.
import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import globals from 'globals'

export default defineConfigWithVueTs(
  { ignores: ['dist/**', '.sandbox/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Widgets and screens are named by their folder (widgets/settings/SettingsWidget.vue).
      'vue/multi-word-component-names': 'off',
      // Formatting is not the linter's job here.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/attribute-hyphenation': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
    },
  },
  {
    // Tests read raw JSON replies of the portal and the sandbox; typing every one of them
    // would add noise, not safety: the assertions are the check.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // No rule here needs type information. The wrapper above turns on typescript-eslint's
    // project service for every .ts and .vue file because it counts consistent-type-imports as
    // needing parser services, which that rule reads only for decorator metadata (not used
    // here): building the whole TypeScript program tripled the lint's time and memory.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.vue'],
    languageOptions: { parserOptions: { projectService: false } },
  },
)
