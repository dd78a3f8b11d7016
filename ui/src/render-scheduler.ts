// Latest-wins scheduling of preview renders: at most one request in flight; while one is
// running, newer texts overwrite each other and only the last is sent when it returns.
// Results arrive in request order, so each one is newer than what is shown and is applied
// (the preview keeps up during fast typing); results requested before a reset() (another
// post opened) are dropped.

export type RenderFn<T, Text> = (text: Text) => Promise<T>;

export class RenderScheduler<T, Text = string> {
  /** The epoch whose pump is running, if any: a stale pump never holds up a new post. */
  private running: number | null = null;
  private pending: Text | null = null;
  private epoch = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly render: RenderFn<T, Text>,
    private readonly apply: (result: T, text: Text) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Asks for `text` to be rendered; cheap to call on every keystroke. */
  request(text: Text): void {
    this.pending = text;
    if (this.running !== this.epoch) void this.pump();
  }

  /** Forgets queued work (e.g. when another post is opened). In-flight results are dropped,
   * and the next request is sent at once instead of waiting for them (a huge post's render
   * must not hold up the next post's preview). */
  reset(): void {
    this.epoch++;
    this.pending = null;
    this.settle();
  }

  /** Resolves once nothing is queued or in flight (for tests and probes). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Whether a render is queued or in flight. */
  get busy(): boolean {
    return !this.isIdle();
  }

  private isIdle(): boolean {
    return this.running !== this.epoch && this.pending === null;
  }

  private async pump(): Promise<void> {
    const epoch = this.epoch;
    this.running = epoch;
    while (this.pending !== null && epoch === this.epoch) {
      const text = this.pending;
      this.pending = null;
      try {
        const result = await this.render(text);
        if (epoch === this.epoch) this.apply(result, text);
      } catch (error) {
        if (epoch === this.epoch) this.onError(error);
      }
    }
    if (this.running === epoch) this.running = null;
    this.settle();
  }

  private settle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }
}
