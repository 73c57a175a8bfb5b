/**
 * Runs tasks one at a time, in the order they were handed in: the sandbox's one writer.
 *
 * A REST request (a whole `batch` included) runs its handlers and starts its store commit inside
 * one task, so no other request's commands land between a batch's commands, and every commit
 * holds whole requests. A task must not call `run` again (it would wait for itself).
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private waiting = 0

  run<T>(task: () => T | Promise<T>): Promise<T> {
    this.waiting++
    const result = this.tail.then(async () => {
      this.waiting--
      return task()
    })
    this.tail = result.catch(() => {})
    return result
  }

  /** Tasks handed in and not yet started. */
  get pending(): number {
    return this.waiting
  }
}
