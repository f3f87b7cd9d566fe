/**
 * The pace's wait for the next epoch's slot, which Pause, Stop or a new pace must be able to end
 * at once: a sleep with a wake-up. One per worker, shared by its training loop and its API.
 */
export class PaceWait {
  private wake: (() => void) | null = null;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /** Ends the current wait, if there is one. */
  wakeUp(): void {
    this.wake?.();
  }
}
