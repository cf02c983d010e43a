import type { ExcludedWordDto, ExcludedWordsResponse } from '@couple-chat/protocol';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { formErrorMessage } from '../../i18n/errorMessages';
import { ExcludeWordForm } from './ExcludeWordForm';
import { fillerExamples, remainingFillers } from './exclusions';
import { useExcludedWords } from './hooks';
import type { ExcludeOptions } from './useWordExclusions';

interface ExclusionsCardProps {
  myId: string;
  partnerName: string;
  onExclude(words: string[], options?: ExcludeOptions): Promise<void>;
  onRestore(words: string[]): void;
}

/** Words the couple leaves out of the ranking: filler words in one tap, any word by hand, undo each. */
export function ExclusionsCard(props: ExclusionsCardProps) {
  const { t } = useTranslation();
  const excluded = useExcludedWords();
  const titleRef = useRef<HTMLHeadingElement>(null);

  function restore(word: string) {
    props.onRestore([word]);
    // The restore button leaves the list; the card keeps the focus, without a jump.
    titleRef.current?.focus({ preventScroll: true });
  }

  return (
    <section className="card" aria-labelledby="exclusions-title">
      <h2 ref={titleRef} id="exclusions-title" className="section-title" tabIndex={-1}>
        {t('words.exclusions.title')}
      </h2>
      <p className="muted">{t('words.exclusions.intro')}</p>
      {excluded.isError && <Banner tone="error">{formErrorMessage(t, excluded.error)}</Banner>}
      <div className="exclusions-body">
        <div className="exclusions-tools">
          {excluded.data && (
            <FillerWords
              excluded={excluded.data}
              onExclude={(words) => void props.onExclude(words)}
            />
          )}
          <ExcludeWordForm onExclude={props.onExclude} />
        </div>
        {excluded.data && (
          <ExcludedList
            words={excluded.data.words}
            myId={props.myId}
            partnerName={props.partnerName}
            onRestore={restore}
          />
        )}
      </div>
    </section>
  );
}

function FillerWords(props: { excluded: ExcludedWordsResponse; onExclude(words: string[]): void }) {
  const { t } = useTranslation();
  if (props.excluded.suggested.length === 0) return null;
  const remaining = remainingFillers(props.excluded.suggested, props.excluded.words);
  if (remaining.length === 0) return <p className="muted">{t('words.exclusions.fillersDone')}</p>;
  return (
    <div className="filler-words">
      <button
        type="button"
        className="button button-secondary"
        aria-describedby="filler-words-hint"
        onClick={() => props.onExclude(remaining)}
      >
        {t('words.exclusions.fillers')}
      </button>
      <p id="filler-words-hint" className="field-hint">
        {t('words.exclusions.fillersHint', { examples: fillerExamples(remaining) })}
      </p>
    </div>
  );
}

interface ExcludedListProps {
  words: readonly ExcludedWordDto[];
  myId: string;
  partnerName: string;
  onRestore(word: string): void;
}

/** Folded away by default: most visits are about the ranking, not about what was left out. */
function ExcludedList({ words, myId, partnerName, onRestore }: ExcludedListProps) {
  const { t } = useTranslation();
  if (words.length === 0) return <p className="muted">{t('words.exclusions.none')}</p>;
  return (
    <details className="excluded">
      <summary className="excluded-summary">
        {t('words.exclusions.summary', { count: words.length })}
      </summary>
      <ul className="excluded-list">
        {words.map((entry) => (
          <li key={entry.word} className="excluded-item">
            <span className="excluded-word">{entry.word}</span>
            <span className="excluded-by">
              {entry.excludedBy === myId
                ? t('words.exclusions.byMe')
                : t('words.exclusions.byPartner', { name: partnerName })}
            </span>
            <button
              type="button"
              className="button button-secondary excluded-restore"
              aria-label={t('words.exclusions.restore', { word: entry.word })}
              onClick={() => onRestore(entry.word)}
            >
              {t('words.exclusions.restoreShort')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
