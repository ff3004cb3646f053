/**
 * V8's heap during the command line's long runs: a `svcgen validate` of many objects, a
 * `svcgen convert` of a large compose file. V8 sizes its heap for speed: the young generation
 * doubles (1, 2, 4, 8, 16 MiB per half, both halves committed) while objects survive its
 * collections, up to 32 MiB, and the old generation may grow to several times what is live before
 * it is collected. On a long run that is most of the memory: validating 10,000 objects peaked at
 * 113 MiB, converting 1,000 services at 147 MiB, of which a third was the young generation and as
 * much again garbage of the old one. Two of V8's flags are read at each growth, so they can be set
 * as the run goes: `--semi-space-growth-factor` (1: the young generation stays as it is) and
 * `--heap-growing-percent` (how far past what is live the old generation may grow before the next
 * full collection).
 *
 * - validate: the command line polls the young generation's size as the validation goes
 *   (`onProgress`) and stops its growth at 8 MiB. That costs no measurable time, as the objects of
 *   each document die young (measured with `bench/startup.js`: 113 -> 91 MiB, CPU time the same
 *   within 2%).
 * - convert: reading a large compose file grows the young generation to 32 MiB before anything can
 *   look (one call of js-yaml), so for an input of LARGE_INPUT bytes or more both flags are set
 *   before it is read (1,000 services: 147 -> 92-96 MiB, for 5-16% more CPU time, as the machine's
 *   load has it: A/B runs of the bench's input). Smaller inputs are
 *   left alone: their heaps stay small, and the look itself costs (Node's v8 module, below).
 *
 * These change flags of the whole process: only the command line does this, never the library,
 * whose callers own their processes. And it sets them back when the run is done (`release`): V8
 * keys its code cache by the flags in force, so a cache written at exit under changed flags would
 * be refused by every later run (compiled afresh: twice the CPU time of the next small validate).
 * A flag node was started with (NODE_OPTIONS, its command line) is not touched.
 */

/** The size (both halves) past which the young generation stops growing. */
export const YOUNG_GENERATION_CAP = 8 * 1024 * 1024;

/**
 * How often, in documents, the size is looked at (a look costs microseconds), from the how-manieth
 * on: the young generation is at 8 MiB after start-up and the first few dozen objects, and at 16
 * MiB within 128-256 (validating 10,000 objects peaks at 93-95 MiB when it is first looked at by
 * the 128th, 100 when by the 256th). Below that not even Node's v8 module is loaded (3-4 ms).
 */
const EVERY = 16;
const FROM = 64;

export interface Heap {
  newSpaceSize(): number;
  /** Sets one of V8's flags (GROWTH_FACTOR, HEAP_GROWING_PERCENT) to a number. */
  setFlag(name: string, value: number): void;
}

/** The young generation's growth factor (V8's default: 2). */
export const GROWTH_FACTOR = 'semi-space-growth-factor';
/** How far the old generation grows past what is live, in percent (V8's default, 0: its own rule). */
export const HEAP_GROWING_PERCENT = 'heap-growing-percent';
/** V8's defaults, which release() sets back. */
const DEFAULTS: Record<string, number> = { [GROWTH_FACTOR]: 2, [HEAP_GROWING_PERCENT]: 0 };

/** The size of the compose files from which `svcgen convert` bounds the heap (1,000 services: 730 KB; 100: 73 KB). */
export const LARGE_INPUT = 256 * 1024;
/** The old generation's growth past what is live, for a large convert (1,000 services: 20%, 94-96 MiB; 35%, 96; 50%, 101; V8's own, 122-129). */
const CONVERT_HEAP_GROWING_PERCENT = 20;

// (Node's v8 module loads its streams, 25 modules: required when first looked at)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const v8 = () => require('v8') as typeof import('v8');

const v8Heap: Heap = {
  newSpaceSize: () => v8().getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0,
  setFlag: (name, value) => v8().setFlagsFromString(`--${name}=${value}`),
};

export interface HeapBound {
  /** Call as each document is read. */
  readonly onProgress: () => void;
  /** Call when the run is done: the flags set are V8's defaults again. */
  readonly release: () => void;
}

/** The flags node was started with (its command line, NODE_OPTIONS) among these. */
function chosenByUser(names: readonly string[], env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): string[] {
  const given = [...execArgv, env.NODE_OPTIONS ?? ''].join(' ').replace(/_/g, '-');
  return names.filter((n) => given.includes(n));
}

/** Sets flags (those the user did not choose), and sets them back to V8's defaults on release(). */
function flagSetter(heap: Heap, userChose: readonly string[]) {
  const set = new Set<string>();
  return {
    set(name: string, value: number) {
      if (userChose.includes(name)) return;
      heap.setFlag(name, value);
      set.add(name);
    },
    release() {
      for (const name of set) heap.setFlag(name, DEFAULTS[name]);
      set.clear();
    },
  };
}

/** Stops the young generation's growth once it is `cap` bytes, until release(): for validate. */
export function boundYoungGeneration(cap = YOUNG_GENERATION_CAP, heap: Heap = v8Heap, userChose = chosenByUser([GROWTH_FACTOR])): HeapBound {
  let calls = 0;
  let watching = !userChose.includes(GROWTH_FACTOR);
  const flags = flagSetter(heap, userChose);
  return {
    onProgress: () => {
      if (!watching || ++calls < FROM || calls % EVERY !== 0) return;
      if (heap.newSpaceSize() >= cap) {
        flags.set(GROWTH_FACTOR, 1);
        watching = false;
      }
    },
    release: () => {
      watching = false;
      flags.release();
    },
  };
}

/**
 * For a convert of `bytes` of compose files: from LARGE_INPUT on, the young generation stops
 * growing now (it is 4 MiB after start-up) and the old one is collected when it has grown 20% past
 * what is live, until release(). Below, nothing is touched (nor Node's v8 module loaded).
 */
export function boundHeapForInput(bytes: number, heap: Heap = v8Heap, userChose = chosenByUser([GROWTH_FACTOR, HEAP_GROWING_PERCENT])): Pick<HeapBound, 'release'> {
  const flags = flagSetter(heap, userChose);
  if (bytes >= LARGE_INPUT) {
    flags.set(GROWTH_FACTOR, 1);
    flags.set(HEAP_GROWING_PERCENT, CONVERT_HEAP_GROWING_PERCENT);
  }
  return { release: () => flags.release() };
}
