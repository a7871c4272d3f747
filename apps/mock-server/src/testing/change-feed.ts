import type { Store } from '../state/store.js';

/** State changes as a subscription that can be left again (the store's own listeners cannot). */
export interface ChangeFeed {
  /** Calls `listener` after every change of the state; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Calls every `onClose` listener once (the mock is closing) and drops all listeners. */
  close(): void;
  /** Calls `listener` when the feed closes; returns the unsubscribe function. */
  onClose(listener: () => void): () => void;
}

/** Creates the change feed of a store: one store listener fanned out to many subscribers. */
export function createChangeFeed(store: Pick<Store, 'onChange'>): ChangeFeed {
  const listeners = new Set<() => void>();
  const closers = new Set<() => void>();
  store.onChange(() => {
    for (const listener of [...listeners]) listener();
  });
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose: (listener) => {
      closers.add(listener);
      return () => closers.delete(listener);
    },
    close: () => {
      listeners.clear();
      for (const closer of [...closers]) closer();
      closers.clear();
    },
  };
}
