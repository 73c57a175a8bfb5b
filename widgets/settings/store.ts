import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { GatewayError } from '@/b24/gateway'
import { command, toGatewayError } from '@/b24/gateway'
import { planInstall } from '@/domain/install/plan'
import type { InstallStep } from '@/domain/install/plan'
import { appUrl } from '@/shell/app-url'
import { useAppContext } from '@/stores/app-context'
import { desiredState, readPortalState, runInstall } from '~placements/install'

/**
 * The settings page's data: app options (`app.option.get`, everyone reads;
 * `app.option.set`, admins write) and, for admins, what the install still lacks.
 */
export const useSettingsStore = defineStore('settings', () => {
  const app = useAppContext()
  const options = ref<Record<string, unknown>>({})
  const pending = shallowRef<InstallStep[] | null>(null)
  const loading = ref(false)
  const error = shallowRef<GatewayError | null>(null)
  const isAdmin = computed(() => app.context?.isAdmin === true)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const gateway = app.requireGateway()
      if (isAdmin.value) {
        const desired = desiredState(appUrl(window.location))
        const state = await readPortalState(gateway, desired)
        options.value = toOptions(state.options)
        pending.value = planInstall(desired, state)
      } else {
        const screen = await gateway.loadScreen({ options: command('app.option.get', {}, (raw) => raw) })
        options.value = toOptions(screen.value('options'))
        pending.value = null
      }
    } catch (raw) {
      error.value = toGatewayError(raw)
    } finally {
      loading.value = false
    }
  }

  async function saveOption(key: string, value: unknown): Promise<void> {
    // b24restdocs api-reference/common/settings/app-option-set.md (upsert by key: safe to repeat)
    await app.requireGateway().call('app.option.set', { options: { [key]: value } }, { retry: true })
    options.value = { ...options.value, [key]: value }
  }

  async function repairInstall(): Promise<void> {
    await runInstall({ gateway: app.requireGateway(), desired: desiredState(appUrl(window.location)) })
    await load()
  }

  return { options, pending, loading, error, isAdmin, load, saveOption, repairInstall }
})

function toOptions(raw: unknown): Record<string, unknown> {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {}
}
