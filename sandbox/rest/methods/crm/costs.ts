/**
 * What a call spends of the portal's operating-time budget, in seconds. A module of its own so
 * that records.ts → stage-history.ts can name a cost without importing the legacy methods, which
 * import records.ts (a cycle that left LIST_COST undefined when the sandbox was loaded by tsx).
 */
export const LIST_COST = 0.05
export const CALL_COST = 0.01
