import type { RankedWord } from '@couple-chat/protocol';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type RankedRow, rankedRows } from './ranking';

export type ChartTone = 'me' | 'partner' | 'together';

interface WordChartProps {
  id: string;
  title: string;
  tone: ChartTone;
  words: readonly RankedWord[];
  onExclude(word: string): void;
}

/** One column of the ranking: a bar chart that reads as a numbered list ("음식 12회"). */
export function WordChart({ id, title, tone, words, onExclude }: WordChartProps) {
  const { t } = useTranslation();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const rows = rankedRows(words);

  function exclude(word: string) {
    onExclude(word);
    // The row and its button disappear at once; focus stays in this chart, without a jump.
    titleRef.current?.focus({ preventScroll: true });
  }

  return (
    <section className={`card word-chart word-chart-${tone}`} aria-labelledby={id}>
      <h2 ref={titleRef} id={id} className="section-title word-chart-title" tabIndex={-1}>
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('words.empty')}</p>
      ) : (
        <ol className="word-list" aria-labelledby={id}>
          {rows.map((row) => (
            <WordRow key={row.word} row={row} onExclude={exclude} />
          ))}
        </ol>
      )}
    </section>
  );
}

function WordRow({ row, onExclude }: { row: RankedRow; onExclude(word: string): void }) {
  const { t } = useTranslation();
  const label = t('words.exclude', { word: row.word });
  return (
    // `value` carries a shared place (ties) to screen readers too.
    <li className={row.rank === 1 ? 'word-row word-row-first' : 'word-row'} value={row.rank}>
      <span className="word-rank" aria-hidden="true">
        {row.rank}
      </span>
      <span className="word-text" aria-hidden="true">
        {row.word}
      </span>
      <span className="word-count" aria-hidden="true">
        {t('words.times', { count: row.count })}
      </span>
      <span className="word-bar" aria-hidden="true">
        <span className="word-bar-fill" style={{ width: `${row.barPercent}%` }} />
      </span>
      <span className="visually-hidden">
        {t('words.spoken', { word: row.word, count: row.count })}
      </span>
      <button
        type="button"
        className="word-exclude"
        aria-label={label}
        title={label}
        onClick={() => onExclude(row.word)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M7 7l10 10M17 7L7 17" />
        </svg>
      </button>
    </li>
  );
}
