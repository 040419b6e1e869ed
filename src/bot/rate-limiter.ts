/** Outcome of one attempt against the limiter. */
export interface RateDecision {
  allowed: boolean;
  /** Milliseconds until the next attempt would be allowed (0 when allowed). */
  retryAfterMs: number;
}

/**
 * Sliding-window limiter: at most `limit` attempts per key within `windowMs`; refused attempts do not
 * count. Pure apart from the injected clock; memory is bounded by pruning keys whose window has passed.
 */
export class RateLimiter {
  private readonly hits = new Map<number | string, number[]>();

  constructor(
    /** Attempts allowed per window, at least 1 (e.g. RATE_LIMIT_PER_MINUTE, 1-1000). */
    private readonly limit: number,
    private readonly clock: () => Date,
    /** Window length in milliseconds. Default one minute. */
    private readonly windowMs = 60_000,
  ) {}

  take(key: number | string): RateDecision {
    const now = this.clock().getTime();
    const since = now - this.windowMs;
    const times = (this.hits.get(key) ?? []).filter((t) => t > since);
    this.hits.set(key, times);
    if (times.length < this.limit) {
      times.push(now);
      if (this.hits.size > 10_000) this.prune(since);
      return { allowed: true, retryAfterMs: 0 };
    }
    return { allowed: false, retryAfterMs: times[0]! + this.windowMs - now };
  }

  private prune(since: number): void {
    for (const [key, times] of this.hits) if (!times.some((t) => t > since)) this.hits.delete(key);
  }
}
