/**
 * Closes a connection that received nothing for `timeoutMs`. Stopped while the channel has paused
 * reading because the host is busy (the peer is not idle then), restarted when reading resumes; it
 * keeps running while reading is paused because the peer does not read its replies.
 */
export class IdleTimer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
  ) {}

  /** Starts the timer, or restarts it from now when running (cheap: called on every chunk). */
  touch(): void {
    if (this.timer === undefined) {
      this.timer = setTimeout(this.onIdle, this.timeoutMs);
      this.timer.unref();
    } else {
      this.timer.refresh();
    }
  }

  /** Starts the timer unless it is already running (does not push the deadline back). */
  ensureRunning(): void {
    if (this.timer === undefined) this.touch();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
