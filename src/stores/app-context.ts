import type { B24Frame } from '@bitrix24/b24jssdk'
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { Gateway } from '@/b24/gateway'
import type { PlacementContext } from '@/b24/placement-context'
import type { AppLocale } from '@/ui/locale'

/**
 * What every widget may use: the frame, its placement context, the REST gateway
 * and the user's locale. Set once by the shell after the frame is ready.
 */
export const useAppContext = defineStore('appContext', () => {
  const frame = shallowRef<B24Frame | null>(null)
  const context = shallowRef<PlacementContext | null>(null)
  const gateway = shallowRef<Gateway | null>(null)
  const locale = shallowRef<AppLocale>('ru')

  function ready(value: { frame: B24Frame | null; context: PlacementContext; gateway: Gateway; locale: AppLocale }): void {
    frame.value = value.frame
    context.value = value.context
    gateway.value = value.gateway
    locale.value = value.locale
  }

  /** For widgets: the gateway, which exists whenever a widget is shown. */
  function requireGateway(): Gateway {
    if (!gateway.value) throw new Error('The REST gateway is not ready')
    return gateway.value
  }

  function requireContext(): PlacementContext {
    if (!context.value) throw new Error('The placement context is not ready')
    return context.value
  }

  return { frame, context, gateway, locale, ready, requireGateway, requireContext }
})
