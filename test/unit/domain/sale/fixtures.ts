import { defaultObjectsDirectory, type ObjectItem, type ServiceItem } from '@/domain/sale'

export const directory = defaultObjectsDirectory()

export function objectItem(id: string, place: Partial<ObjectItem> = {}, priceMinor: number | null = 100_000, termYears: number | null = 1): ObjectItem {
  return { id, kind: 'object', objectType: 'CUSTOMS', zone: 'Z1', sector: 'S1', place: 'P101', volume: '', termYears, priceMinor, ...place }
}

export function serviceItem(id: string, kind: 'ved' | '3pl', service: string, priceMinor: number | null = 50_000, termYears: number | null = 2): ServiceItem {
  return { id, kind, service, volume: '10 т/мес', termYears, priceMinor }
}
