/** The report's period presets live in the domain (the runner's digest reads them too). */
export * from '@/domain/reports/period'
