import { describe, expect, it } from 'vitest';
import { type BatchWriter, GroupCommit, type Outcome } from './group-commit.js';

/** A promise settled from outside, to hold a commit or a delivery open. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A writer that records what happens, in order; commits and deliveries wait for their gates. */
function recordingWriter(commitGates: Promise<void>[] = [], deliverGates: Promise<void>[] = []) {
  const log: string[] = [];
  let commits = 0;
  let deliveries = 0;
  const writer: BatchWriter<number, string, number[]> = {
    async commit(items) {
      const n = commits++;
      log.push(`commit ${n} start [${items}]`);
      await commitGates[n];
      if (items.includes(-1)) throw new Error('batch refused');
      log.push(`commit ${n} end`);
      return items;
    },
    async deliver(items) {
      const n = deliveries++;
      log.push(`deliver ${n} start`);
      await deliverGates[n];
      log.push(`deliver ${n} end`);
      return items.map(
        (i): Outcome<string> =>
          i % 2 === 0 ? { ok: true, value: `ok ${i}` } : { ok: false, error: `odd ${i}` },
      );
    },
  };
  return { writer, log };
}

const settled = (p: Promise<string>) =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

describe('GroupCommit', () => {
  it('writes what arrives in one turn as one batch, each item with its own outcome', async () => {
    const { writer, log } = recordingWriter();
    const group = new GroupCommit(writer);
    const results = await Promise.all([2, 3, 4].map((i) => settled(group.submit(i))));
    expect(results).toEqual([{ value: 'ok 2' }, { error: 'odd 3' }, { value: 'ok 4' }]);
    expect(log).toEqual([
      'commit 0 start [2,3,4]',
      'commit 0 end',
      'deliver 0 start',
      'deliver 0 end',
    ]);
  });

  it('gathers what arrives during a commit into the next batch, up to maxBatch', async () => {
    const first = gate();
    const { writer, log } = recordingWriter([first.opened]);
    const group = new GroupCommit(writer, { maxBatch: 2 });
    const all = [group.submit(0)];
    await nextTurn();
    all.push(...[2, 4, 6].map((i) => group.submit(i)));
    first.open();
    await Promise.all(all);
    expect(log.filter((l) => l.includes('start ['))).toEqual([
      'commit 0 start [0]',
      'commit 1 start [2,4]',
      'commit 2 start [6]',
    ]);
  });

  it('starts the next commit before delivering the one before (depth 1)', async () => {
    const [firstCommit, secondCommit, firstDelivery] = [gate(), gate(), gate()];
    const { writer, log } = recordingWriter(
      [firstCommit.opened, secondCommit.opened],
      [firstDelivery.opened],
    );
    const group = new GroupCommit(writer);
    const first = group.submit(0);
    await nextTurn();
    const second = group.submit(2);
    firstCommit.open();
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The second batch goes to the database before the first is delivered.
    expect(log).toEqual([
      'commit 0 start [0]',
      'commit 0 end',
      'commit 1 start [2]',
      'deliver 0 start',
    ]);
    firstDelivery.open();
    secondCommit.open();
    expect(await first).toBe('ok 0');
    expect(await second).toBe('ok 2');
    // Deliveries stay in commit order.
    expect(log.slice(4)).toEqual([
      'deliver 0 end',
      'commit 1 end',
      'deliver 1 start',
      'deliver 1 end',
    ]);
  });

  it('keeps no more than `depth` commits under way, and delivers them in order', async () => {
    const gates = [gate(), gate(), gate()];
    const { writer, log } = recordingWriter(gates.map((g) => g.opened));
    const group = new GroupCommit(writer, { maxBatch: 1, depth: 2 });
    const all = [0, 2, 4].map((i) => group.submit(i));
    await nextTurn();
    expect(log).toEqual(['commit 0 start [0]', 'commit 1 start [2]']);
    gates[1]?.open();
    await nextTurn();
    // The second is done, but the first is not: nothing is delivered, and no third starts.
    expect(log).toEqual(['commit 0 start [0]', 'commit 1 start [2]', 'commit 1 end']);
    gates[0]?.open();
    gates[2]?.open();
    expect(await Promise.all(all)).toEqual(['ok 0', 'ok 2', 'ok 4']);
    expect(log.filter((l) => l.startsWith('deliver') && l.endsWith('start'))).toEqual([
      'deliver 0 start',
      'deliver 1 start',
      'deliver 2 start',
    ]);
  });

  it('fails a whole batch whose commit throws, and goes on with the next', async () => {
    const first = gate();
    const { writer } = recordingWriter([first.opened]);
    const group = new GroupCommit(writer);
    const refused = [settled(group.submit(-1)), settled(group.submit(2))];
    await nextTurn();
    const later = group.submit(4);
    first.open();
    const errors = (await Promise.all(refused)).map((r) => ('error' in r ? String(r.error) : r));
    expect(errors).toEqual(['Error: batch refused', 'Error: batch refused']);
    expect(await later).toBe('ok 4');
  });
});
