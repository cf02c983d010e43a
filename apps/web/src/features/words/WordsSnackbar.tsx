import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorMessage } from '../../i18n/errorMessages';
import type { WordsNotice } from './useWordExclusions';

// Long enough to read and reach "undo"; the excluded list stays as the way back afterwards.
const undoMs = 8000;
const infoMs = 4000;

export function noticeText(t: TFunction<'translation'>, notice: WordsNotice): string {
  switch (notice.kind) {
    case 'excluded':
      return notice.words.length === 1
        ? t('words.notice.excludedOne', { word: notice.words[0] })
        : t('words.notice.excludedMany', { count: notice.words.length });
    case 'restored':
      return notice.words.length === 1
        ? t('words.notice.restoredOne', { word: notice.words[0] })
        : t('words.notice.restoredMany', { count: notice.words.length });
    case 'alreadyExcluded':
      return t('words.notice.alreadyExcluded');
    case 'failed':
      return formErrorMessage(t, notice.error);
  }
}

interface WordsSnackbarProps {
  notice: WordsNotice | null;
  onUndo(words: string[]): void;
  onDismiss(): void;
}

/** The line at the bottom after a change; it waits while pointed at or focused. */
export function WordsSnackbar({ notice, onUndo, onDismiss }: WordsSnackbarProps) {
  const { t } = useTranslation();
  const [held, setHeld] = useState(false);

  useEffect(() => {
    if (!notice || held) return;
    const timer = setTimeout(onDismiss, notice.kind === 'excluded' ? undoMs : infoMs);
    return () => clearTimeout(timer);
  }, [notice, held, onDismiss]);

  return (
    // Always in the page, so screen readers hear each new line as it arrives.
    <div
      className="snackbar-region"
      role="status"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      {notice && (
        <div
          key={notice.id}
          className={notice.kind === 'failed' ? 'snackbar snackbar-error' : 'snackbar'}
        >
          <p className="snackbar-text">{noticeText(t, notice)}</p>
          {notice.kind === 'excluded' && (
            <button type="button" className="snackbar-action" onClick={() => onUndo(notice.words)}>
              {t('words.notice.undo')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
