/** Options of `createWorkerLoop`. */
export interface WorkerLoopOptions<T> {
  /** Most items in flight at once. */
  concurrency: number;
  /** Longest sleep when there is nothing to do. */
  pollMs: number;
  /** Takes up to `limit` items (leases them); an empty list means nothing to do now. */
  claim(limit: number): Promise<T[]>;
  /** Works one item; must not throw (failures are recorded by the caller's code). */
  work(item: T): Promise<void>;
  onError(error: unknown): void;
}

/** A polling loop that keeps up to `concurrency` items in flight and wakes early on `wake()`. */
export interface WorkerLoop {
  start(): void;
  /** Stops claiming and waits for the items in flight. */
  stop(): Promise<void>;
  /** Claim now instead of after the poll interval. */
  wake(): void;
  readonly inFlight: number;
}

/** Creates a worker loop (see `WorkerLoop`). */
export function createWorkerLoop<T>(options: WorkerLoopOptions<T>): WorkerLoop {
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });

  async function run() {
    while (running) {
      const free = options.concurrency - inFlight.size;
      let claimed: T[] = [];
      if (free > 0) {
        try {
          claimed = await options.claim(free);
        } catch (error) {
          options.onError(error);
        }
      }
      for (const item of claimed) {
        const job: Promise<void> = options
          .work(item)
          .catch(options.onError)
          .finally(() => {
            inFlight.delete(job);
            wake();
          });
        inFlight.add(job);
      }
      // A full batch means there may be more: claim again at once.
      if (claimed.length === 0 || claimed.length < free) await sleep(options.pollMs);
      else if (inFlight.size >= options.concurrency) await sleep(options.pollMs);
    }
  }

  function wake() {
    if (wakeUp) wakeUp();
    else woken = true;
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake();
      await loop;
      await Promise.all(inFlight);
    },
    wake,
    get inFlight() {
      return inFlight.size;
    },
  };
}
