/** A fake clock for the retry layer: `sleep` records the wait and moves `now` on at once. */
export function createFakeClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)) {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleep: async (ms: number, signal: AbortSignal) => {
      if (signal.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
  };
}
