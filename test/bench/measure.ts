// What every bench measures with: wall and processor time, the median, and garbage collection
// (what one measure leaves behind is not charged to the next).

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

/** Wall time of one run, in milliseconds. */
export function wallTime(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * CPU time of the process (milliseconds) rather than wall time: on a machine shared with other
 * work, the time this work costs, not the time it waited for a core.
 */
export function cpuTime(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The median of the times, to the microsecond. */
export function median(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 1000) / 1000;
}
