/** Outcome of one attempt against the limiter. */
export interface RateDecision {
  allowed: boolean;
  /** Milliseconds until the next attempt would be allowed (0 when allowed). */
  retryAfterMs: number;
  /** True on the first refusal in a window only, so the polite note is sent once, not on every message. */
  notify: boolean;
}

/**
 * Sliding-window limiter: at most `limit` attempts per key within `windowMs`. Pure apart from the
 * injected clock; memory is bounded by pruning keys whose window has passed.
 */
export class RateLimiter {
  private readonly hits = new Map<number | string, { times: number[]; notified: boolean }>();

  constructor(
    /** Attempts allowed per window (RATE_LIMIT_PER_MINUTE, 1-1000). */
    private readonly limit: number,
    private readonly clock: () => Date,
    /** Window length in milliseconds. Default one minute. */
    private readonly windowMs = 60_000,
  ) {}

  take(key: number | string): RateDecision {
    const now = this.clock().getTime();
    const since = now - this.windowMs;
    const entry = this.hits.get(key) ?? { times: [], notified: false };
    entry.times = entry.times.filter((t) => t > since);
    if (entry.times.length < this.limit) {
      entry.times.push(now);
      entry.notified = false;
      this.hits.set(key, entry);
      if (this.hits.size > 10_000) this.prune(since);
      return { allowed: true, retryAfterMs: 0, notify: false };
    }
    const notify = !entry.notified;
    entry.notified = true;
    this.hits.set(key, entry);
    return { allowed: false, retryAfterMs: entry.times[0]! + this.windowMs - now, notify };
  }

  private prune(since: number): void {
    for (const [key, entry] of this.hits) if (!entry.times.some((t) => t > since)) this.hits.delete(key);
  }
}
