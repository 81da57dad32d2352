/**
 * Closes a connection that received nothing for `timeoutMs`. Stopped while the channel itself has
 * paused reading (the peer is not idle then, the host is busy) and restarted when reading resumes.
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

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
