// Garbage collection for the bench: what one measure leaves behind is not charged to the next.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = () => void;
let gc: Collect | undefined;

function collector(): Collect {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as Collect;
  }
  return gc;
}

/**
 * Collects twice: the second collection first finishes sweeping what the first found (until then
 * the heap counts it as used) and lets go of what weakly held caches kept a collection longer.
 */
export function collectGarbage(): void {
  const collect = collector();
  collect();
  collect();
}

/** One collection: the untimed preparation of a run (a fresh parse) leaves its garbage out of the timed part. */
export function collectOnce(): void {
  collector()();
}
