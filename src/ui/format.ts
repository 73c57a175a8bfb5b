/**
 * The app's formatting of dates, numbers and money lives in the domain (`@/domain/format`), where
 * the runner's texts (the weekly digest) use it too; the screens import it from here as before.
 */
export * from '@/domain/format'
