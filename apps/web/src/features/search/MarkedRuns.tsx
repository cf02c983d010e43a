import { Fragment } from 'react';
import type { Run } from './snippet';

/** Text with the search's matches in <mark>: a result's snippet, or a bubble jumped to. */
export function MarkedRuns({ runs }: { runs: readonly Run[] }) {
  return runs.map((run, index) =>
    run.mark ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: runs of one fixed text never reorder
      <mark key={index} className="search-mark">
        {run.text}
      </mark>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: as above
      <Fragment key={index}>{run.text}</Fragment>
    ),
  );
}
