export * from './plan'
export * from './step-builders'
export * from './message-steps'
