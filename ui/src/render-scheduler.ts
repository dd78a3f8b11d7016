// Latest-wins scheduling of preview renders: at most one request in flight; while one is
// running, newer texts overwrite each other and only the last is sent when it returns.
// Results arrive in request order, so each one is newer than what is shown and is applied
// (the preview keeps up during fast typing); results requested before a reset() (another
// post opened) are dropped.

export type RenderFn<T> = (text: string) => Promise<T>;

export class RenderScheduler<T> {
  private inFlight = false;
  private pending: string | null = null;
  private epoch = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly render: RenderFn<T>,
    private readonly apply: (result: T, text: string) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Asks for `text` to be rendered; cheap to call on every keystroke. */
  request(text: string): void {
    this.pending = text;
    if (!this.inFlight) void this.pump();
  }

  /** Forgets queued work (e.g. when another post is opened); in-flight results are dropped. */
  reset(): void {
    this.epoch++;
    this.pending = null;
  }

  /** Resolves once nothing is queued or in flight (for tests and probes). */
  idle(): Promise<void> {
    if (!this.inFlight && this.pending === null) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async pump(): Promise<void> {
    this.inFlight = true;
    while (this.pending !== null) {
      const text = this.pending;
      this.pending = null;
      const epoch = this.epoch;
      try {
        const result = await this.render(text);
        if (epoch === this.epoch) this.apply(result, text);
      } catch (error) {
        if (epoch === this.epoch) this.onError(error);
      }
    }
    this.inFlight = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }
}
