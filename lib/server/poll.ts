/**
 * A background job of a server instance: runs `work` now, then `intervalMs` after each run
 * ends (never two runs at once), until stopped; `stop()` waits for a run in progress.
 */
export interface Poller {
  stop(): Promise<void>;
}

export function startPolling(intervalMs: number, work: (stopped: () => boolean) => Promise<void>): Poller {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    await work(() => stopped);
    if (!stopped) timer = setTimeout(() => (running = tick()), intervalMs);
  };
  running = tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
