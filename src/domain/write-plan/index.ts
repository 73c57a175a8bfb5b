export * from './plan'
export * from './step-builders'
