/**
 * Delay before the next attempt of a queue message: exponential in the attempts already made,
 * capped, with jitter so retried batches do not come back in lockstep, and never shorter than an
 * upstream Retry-After.
 */
export function retryDelaySeconds(
  attempts: number,
  opts: {
    baseSeconds: number;
    maxSeconds: number;
    retryAfterSeconds?: number | undefined;
    random?: () => number;
  },
): number {
  const exp = opts.baseSeconds * 2 ** Math.max(0, attempts - 1);
  const jitter = 0.8 + 0.4 * (opts.random ?? Math.random)();
  const backoff = Math.min(opts.maxSeconds, exp * jitter);
  const floor = Math.max(0, opts.retryAfterSeconds ?? 0);
  // Queues take whole seconds.
  return Math.ceil(Math.min(Math.max(backoff, floor), Math.max(opts.maxSeconds, floor)));
}
