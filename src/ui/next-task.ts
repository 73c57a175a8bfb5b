/** Lets the page paint and take input between two pieces of long work: resolves in a new task. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
