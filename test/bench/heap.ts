// Garbage collection for the bench: what one measure leaves behind is not charged to the next.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

function collector(): () => void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  return gc;
}

/** Collects until the heap stops shrinking: weakly held caches let go of their values a collection later. */
export function collectGarbage(): void {
  const collect = collector();
  let used = Infinity;
  for (let round = 0; round < 10; round++) {
    collect();
    const now = process.memoryUsage().heapUsed;
    if (now > used - 1e6) return;
    used = now;
  }
}

/** One collection: the untimed preparation of a run (a fresh parse) leaves its garbage out of the timed part. */
export function collectOnce(): void {
  collector()();
}
