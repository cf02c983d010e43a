/**
 * A connection not re-announced for this long is gone: the server re-announces every 30 s, so this
 * allows for one lost announcement and a slow one, and for an instance that died without saying so.
 */
export const presenceTtlMs = 75_000;

/**
 * The partner's open connections and when each was last announced. All it can answer is "does my
 * partner have the app open right now" — nothing about where, on what, or since when.
 */
export class PresenceBook {
  private readonly seen = new Map<string, { userId: string; at: number }>();

  /** Applies a presence frame; true when whether `userId` is online changed. */
  apply(userId: string, connectionId: string, online: boolean, now: number): boolean {
    const before = this.isOnline(userId);
    if (online) this.seen.set(connectionId, { userId, at: now });
    else this.seen.delete(connectionId);
    return before !== this.isOnline(userId);
  }

  /** Forgets connections not announced within the TTL; true when anything was forgotten. */
  expire(now: number): boolean {
    let changed = false;
    for (const [connectionId, entry] of this.seen) {
      if (now - entry.at >= presenceTtlMs) {
        this.seen.delete(connectionId);
        changed = true;
      }
    }
    return changed;
  }

  /** When the next connection expires, if any is known. */
  nextExpiry(): number | undefined {
    let next: number | undefined;
    for (const { at } of this.seen.values()) {
      const due = at + presenceTtlMs;
      if (next === undefined || due < next) next = due;
    }
    return next;
  }

  /** Whether at least one of the user's connections is known (expired ones are removed by `expire`). */
  isOnline(userId: string): boolean {
    for (const entry of this.seen.values()) if (entry.userId === userId) return true;
    return false;
  }

  /** Forgets everything; true when something was known. */
  clear(): boolean {
    const had = this.seen.size > 0;
    this.seen.clear();
    return had;
  }
}
