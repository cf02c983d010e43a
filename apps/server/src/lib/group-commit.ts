/** What one item of a batch came to: its result, or the error that refused that item alone. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

interface Committed<I, R, W> {
  batch: Waiting<I, R>[];
  written: Outcome<W>;
}

/** The two halves of writing a batch; a throw from either fails the whole batch. */
export interface BatchWriter<I, R, W> {
  /** Writes the batch (one transaction); what it returns is handed to `deliver`. */
  commit(items: I[]): Promise<W>;
  /** After the commit (publishing, say): one outcome per item, in order. */
  deliver(written: W): Promise<Outcome<R>[]>;
}

/**
 * Group commit: items submitted while a batch is being written wait and go together in the next
 * one, so the cost of a transaction is shared by everything that arrived during the previous one.
 * A quiet system pays no delay beyond one turn of the event loop; a busy one writes bigger
 * batches instead of queueing transactions.
 *
 * Pipelined: once a batch is committed the next one starts committing, and only then is the first
 * delivered, so the database is not idle while results go out. Deliveries run one at a time, in
 * commit order.
 */
export class GroupCommit<I, R, W> {
  private waiting: Waiting<I, R>[] = [];
  private draining = false;

  private readonly maxBatch: number;
  private readonly depth: number;

  constructor(
    private readonly writer: BatchWriter<I, R, W>,
    options: {
      maxBatch?: number;
      /**
       * Batches committing at once. More than one only where the database takes them one after
       * another in the order given (SQLite's thread): the next batch then waits there, not here.
       */
      depth?: number;
    } = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
    this.depth = options.depth ?? 1;
  }

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
    const committing: Promise<Committed<I, R, W>>[] = [];
    const fill = () => {
      while (committing.length < this.depth && this.waiting.length > 0) {
        committing.push(this.commitNext());
      }
    };
    fill();
    for (let next = committing.shift(); next; next = committing.shift()) {
      const { batch, written } = await next;
      // The database is free (or has the next batch queued): what waited starts now, before
      // this batch goes out.
      fill();
      try {
        if (!written.ok) throw written.error;
        const outcomes = await this.writer.deliver(written.value);
        batch.forEach((w, i) => {
          const outcome = outcomes[i];
          if (outcome?.ok) w.resolve(outcome.value);
          else w.reject(outcome ? outcome.error : new Error('group commit returned no outcome'));
        });
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
      fill();
    }
    this.draining = false;
  }

  private commitNext(): Promise<Committed<I, R, W>> {
    const batch = this.waiting.splice(0, this.maxBatch);
    return this.writer.commit(batch.map((w) => w.item)).then(
      (value) => ({ batch, written: { ok: true, value } }),
      (error: unknown) => ({ batch, written: { ok: false, error } }),
    );
  }
}
