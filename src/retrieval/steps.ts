import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A computation cut into steps: a generator that yields between slices of its work (a few milliseconds each) and
 * returns its result. The same code runs at once (`runSteps`: command line, evaluation) or a slice at a time
 * between the server's other events (`runStepsAsync`), so that rebuilding a large index after a publication never
 * holds every user's turn for seconds.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end without giving the event loop back; returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How long a slice of stepped work may hold the event loop before it is given back, in ms. */
export const SLICE_MS = 8;

/**
 * Runs `steps`, giving the event loop back (one `setImmediate` turn: pending I/O and timers run) whenever a slice has
 * held it for `sliceMs` or more; resolves with the result. A single step longer than `sliceMs` is not cut.
 */
export async function runStepsAsync<T>(steps: Steps<T>, sliceMs: number = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
