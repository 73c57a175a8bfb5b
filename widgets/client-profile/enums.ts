// Moved to src/b24 so the runner reads enumeration fields the same way.
export * from '@/b24/enum-items'
