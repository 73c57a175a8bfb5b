import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import type { GatewayError } from '@/b24/gateway'
import { command, toGatewayError } from '@/b24/gateway'
import { planInstall } from '@/domain/install/plan'
import type { InstallStep } from '@/domain/install/plan'
import { appUrl } from '@/shell/app-url'
import { useAppContext } from '@/stores/app-context'
import { desiredState, readPortalState, runInstall } from '~placements/install'
import { planFailure, useOptionWrites } from './option-write'

/**
 * The settings page's data: app options (`app.option.get`, everyone reads;
 * `app.option.set`, admins write, each save a write plan) and, for admins, what the install still lacks.
 */
export const useSettingsStore = defineStore('settings', () => {
  const app = useAppContext()
  const options = ref<Record<string, unknown>>({})
  const pending = shallowRef<InstallStep[] | null>(null)
  const loading = ref(false)
  /** True once the stored options have been read: until then a section would show defaults as if stored. */
  const loaded = ref(false)
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
      loaded.value = true
    } catch (raw) {
      error.value = toGatewayError(raw)
    } finally {
      loading.value = false
    }
  }

  let me: Promise<number | null> | null = null
  /** The current user, read once (b24restdocs api-reference/common/users/profile.md): the plan journal is per user. */
  function whoAmI(): Promise<number | null> {
    me ??= app
      .requireGateway()
      .call<{ ID?: unknown }>('profile')
      .then((raw) => Number(raw?.ID) || null)
      .catch(() => {
        me = null
        return null
      })
    return me
  }

  function stored(option: string, value: unknown): void {
    options.value = { ...options.value, [option]: value }
  }

  /** Saves made through `saveOption` (sections without their own writer), listed and repeated on the page. */
  const optionWrites = markRaw(useOptionWrites({ scope: 'app-options', whoAmI, onDone: stored }))

  /** One option as a write plan; rejects with the reason when the plan did not finish (it stays to repeat). */
  async function saveOption(key: string, value: unknown): Promise<void> {
    const plan = await optionWrites.save(key, value, { ru: `Настройка «${key}»`, en: `Setting «${key}»` })
    if (plan.status !== 'done') throw planFailure(plan)
  }

  async function repairInstall(): Promise<void> {
    await runInstall({ gateway: app.requireGateway(), desired: desiredState(appUrl(window.location)) })
    await load()
  }

  return { options, pending, loading, loaded, error, isAdmin, load, saveOption, repairInstall, whoAmI, stored, optionWrites }
})

function toOptions(raw: unknown): Record<string, unknown> {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {}
}
