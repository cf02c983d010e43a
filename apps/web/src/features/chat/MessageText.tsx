import { Fragment, memo } from 'react';
import { textSegments } from './messageText';

/** A message's text with its web links clickable; they open in a new tab without our page behind them. */
export const MessageText = memo(function MessageText({ text }: { text: string }) {
  return (
    <>
      {textSegments(text).map((segment, index) =>
        segment.kind === 'link' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed text never reorder
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <Fragment key={index}>{segment.text}</Fragment>
        ),
      )}
    </>
  );
});
