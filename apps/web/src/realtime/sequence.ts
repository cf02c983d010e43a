/** Most out-of-order events held while waiting for a gap to fill; beyond it a resync is cheaper. */
const maxPending = 500;

export interface SequencePush<T> {
  /** Items now deliverable, in seq order (possibly none). */
  ready: T[];
  /** True when `seq` jumped ahead: something in between is missing. */
  gap: boolean;
}

/**
 * One couple's event stream: drops what was already seen, delivers strictly in seq order and
 * holds early arrivals until the gap before them is filled.
 */
export class EventSequence<T> {
  private readonly pending = new Map<number, T>();

  constructor(private lastSeq: number) {}

  /** The highest seq delivered so far; a resumed stream continues after it. */
  get last(): number {
    return this.lastSeq;
  }

  get waiting(): boolean {
    return this.pending.size > 0;
  }

  push(seq: number, item: T): SequencePush<T> {
    if (seq <= this.lastSeq || this.pending.has(seq)) return { ready: [], gap: false };
    if (seq > this.lastSeq + 1) {
      if (this.pending.size >= maxPending) this.pending.clear();
      this.pending.set(seq, item);
      return { ready: [], gap: true };
    }
    const ready = [item];
    this.lastSeq = seq;
    for (
      let next = this.pending.get(seq + 1);
      next !== undefined;
      next = this.pending.get(seq + 1)
    ) {
      this.pending.delete(seq + 1);
      ready.push(next);
      seq += 1;
      this.lastSeq = seq;
    }
    return { ready, gap: false };
  }

  /** A new stream starts (after a reconnect): early arrivals of the old one will be resent. */
  resetPending(): void {
    this.pending.clear();
  }
}
