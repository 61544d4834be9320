/**
 * Runs `work` every `intervalMs` while `waiting` says there is something to do, one run at a
 * time; `stop` runs it once more for what is left and waits for the end. For in-process jobs
 * that must follow the data within a second (the audit seal, the statistics).
 */
export function startPoller(
  { waiting, work }: { waiting: () => Promise<boolean>; work: () => Promise<unknown> },
  onError: (error: unknown) => void,
  intervalMs: number,
) {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running
      .then(async () => {
        if (await waiting()) await work();
      })
      .catch(onError);
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      tick();
      await running;
    },
  };
}
