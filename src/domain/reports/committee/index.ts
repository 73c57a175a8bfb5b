export * from './client-steps'
export * from './object-sales'
export * from './lead-types'
export * from './communications'
