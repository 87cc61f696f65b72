/**
 * What a composition root opened, closed in reverse order: when a later step of the start fails, everything opened
 * before it is released (the SQLite file unlocked, PostgreSQL pools ended, timers cleared) and the process can exit or
 * retry; on stop, the same list closes the stores. The pattern of TC39's explicit resource management
 * (`AsyncDisposableStack`, https://github.com/tc39/proposal-explicit-resource-management), which Node 20 lacks.
 */
export class ClosingStack {
  private readonly closers: Array<() => unknown> = [];

  /**
   * Registers `close` to run on `resource` at `closeAll()`, and returns `resource` (so opening and registering is one
   * expression). `close` may be synchronous or return a promise.
   */
  push<T>(resource: T, close: (resource: T) => unknown): T {
    this.closers.push(() => close(resource));
    return resource;
  }

  /**
   * Runs every registered closer once, last registered first, each awaited before the next; a closer that throws or
   * rejects does not stop the others. Closers registered before are forgotten, so a second call closes nothing twice.
   * @throws the first error a closer threw, once all of them have run
   */
  async closeAll(): Promise<void> {
    const closers = this.closers.splice(0).reverse();
    let failure: { err: unknown } | null = null;
    for (const close of closers) {
      try {
        await close();
      } catch (err) {
        failure ??= { err };
      }
    }
    if (failure) throw failure.err;
  }
}
