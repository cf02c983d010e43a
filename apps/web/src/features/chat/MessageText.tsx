import type { SearchMatch } from '@couple-chat/protocol';
import { Fragment, memo } from 'react';
import { MarkedRuns } from '../search/MarkedRuns';
import { markRuns } from '../search/snippet';
import { textSegments } from './messageText';

interface MessageTextProps {
  text: string;
  /** Search matches (offsets into `text`) drawn marked. */
  marks?: readonly SearchMatch[] | undefined;
}

/** A message's text with its web links clickable; they open in a new tab without our page behind them. */
export const MessageText = memo(function MessageText({ text, marks }: MessageTextProps) {
  let offset = 0;
  return (
    <>
      {textSegments(text).map((segment, index) => {
        const runs = marks ? markRuns(segment.text, marks, offset) : null;
        offset += segment.text.length;
        return segment.kind === 'link' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed text never reorder
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
            {runs ? <MarkedRuns runs={runs} /> : segment.text}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <Fragment key={index}>{runs ? <MarkedRuns runs={runs} /> : segment.text}</Fragment>
        );
      })}
    </>
  );
});
