export * from './draft'
export * from './same-value'
