/**
 * The young generation of V8's heap for a long `svcgen validate`. V8 doubles it (1, 2, 4, 8, 16
 * MiB per half, both halves committed) while objects survive its collections, up to 32 MiB. A
 * validation keeps a little of each object it checks (its result, what the checks across objects
 * read), so the young generation reaches 32 MiB on an input of a few thousand objects, and stays
 * there: a quarter of the peak memory of validating 10,000 objects. Stopping its growth at 8 MiB
 * (two halves of 4) costs no measurable time, as the objects of each document die young anyway
 * (measured with `bench/startup.js`: 113 -> 91 MiB, CPU time the same within 2%).
 *
 * V8 takes its size limit at start only; its growth factor is read at each growth. So the command
 * line polls the young generation's size as the validation goes (`onProgress`) and sets the factor
 * to 1 once the size is reached. It changes a flag of the whole process: only the command line
 * does this, never the library, whose callers own their processes. And it sets the flag back when
 * the validation is done (`release`): V8 keys its code cache by the flags in force, so a cache
 * written at exit under the changed flag would be refused by every later run (compiled afresh:
 * twice the CPU time of the next small validate). When node was started with a growth factor of
 * its own (NODE_OPTIONS, its command line), nothing is touched.
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
  /** Sets V8's growth factor of the young generation (2 is its default). */
  growthFactor(factor: number): void;
}

// (Node's v8 module loads its streams, 25 modules: required when first looked at)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const v8 = () => require('v8') as typeof import('v8');

const v8Heap: Heap = {
  newSpaceSize: () => v8().getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0,
  growthFactor: (factor) => v8().setFlagsFromString(`--semi-space-growth-factor=${factor}`),
};

/** V8's default growth factor, which release() sets back. */
const DEFAULT_GROWTH_FACTOR = 2;

export interface YoungGenerationBound {
  /** Call as each document is read. */
  readonly onProgress: () => void;
  /** Call when the validation is done: the growth factor is V8's default again. */
  readonly release: () => void;
}

/** Whether node was started with a growth factor of its own. */
function chosenByUser(env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): boolean {
  return [...execArgv, env.NODE_OPTIONS ?? ''].some((a) => /semi[-_]space[-_]growth[-_]factor/.test(a));
}

/** Stops the young generation's growth once it is `cap` bytes, until release(). */
export function boundYoungGeneration(cap = YOUNG_GENERATION_CAP, heap: Heap = v8Heap, userChose = chosenByUser()): YoungGenerationBound {
  let calls = 0;
  let state: 'watching' | 'stopped' | 'released' = userChose ? 'released' : 'watching';
  return {
    onProgress: () => {
      if (state !== 'watching' || ++calls < FROM || calls % EVERY !== 0) return;
      if (heap.newSpaceSize() >= cap) {
        heap.growthFactor(1);
        state = 'stopped';
      }
    },
    release: () => {
      if (state === 'stopped') heap.growthFactor(DEFAULT_GROWTH_FACTOR);
      state = 'released';
    },
  };
}
