// A save that never answers (a network drive gone, a disk that hangs) must not hold the user:
// what waits on one offers, after a few seconds, to go on without it.

/** How long leaving a post or closing the window waits for a save before offering to go on. */
export const SAVE_WAIT_MS = 5000;

export const LATE = Symbol("late");

/** Why a post is not saved when its save is LATE. */
export const NOT_FINISHED = `its save has not finished after ${SAVE_WAIT_MS / 1000} seconds; its disk may be slow or unreachable`;

/** What `promise` answers, or LATE when it has not within SAVE_WAIT_MS. */
export async function within<T>(promise: Promise<T>): Promise<T | typeof LATE> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof LATE>((resolve) => (timer = setTimeout(() => resolve(LATE), SAVE_WAIT_MS)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
