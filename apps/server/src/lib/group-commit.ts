/** What one item of a batch came to: its result, or the error that refused that item alone. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a batch is being written wait and go together in the next
 * one, so the cost of a transaction is shared by everything that arrived during the previous one.
 * A quiet system pays no delay beyond one turn of the event loop; a busy one writes bigger
 * batches instead of queueing transactions.
 */
export class GroupCommit<I, R> {
  private waiting: Waiting<I, R>[] = [];
  private draining = false;

  constructor(
    /** Writes a batch; returns one outcome per item, in order. A throw fails the whole batch. */
    private readonly write: (items: I[]) => Promise<Outcome<R>[]>,
    private readonly maxBatch = 256,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // After the current I/O phase, so the frames that arrived together start together.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain() {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const outcomes = await this.write(batch.map((w) => w.item));
        batch.forEach((w, i) => {
          const outcome = outcomes[i];
          if (outcome?.ok) w.resolve(outcome.value);
          else w.reject(outcome ? outcome.error : new Error('group commit returned no outcome'));
        });
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.draining = false;
  }
}
