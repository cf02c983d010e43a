import type { QuestionKeywordDto } from '@couple-chat/protocol';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { TextField } from '../../components/TextField';
import { formErrorMessage } from '../../i18n/errorMessages';
import { inLanguage } from './answers';
import { useToggleKeyword } from './hooks';
import { countEnabled, matchKeywords, sampleWords } from './keywords';

/** The built-in keywords, each with a switch; searchable, since there are nearly two hundred. */
export function KeywordsCard({ keywords }: { keywords: readonly QuestionKeywordDto[] }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const toggle = useToggleKeyword();
  const shown = matchKeywords(keywords, search);
  const countId = useId();
  return (
    <section className="card" aria-labelledby="keywords-title">
      <h2 id="keywords-title" className="section-title">
        {t('questions.settings.keywordsTitle')}
      </h2>
      <p className="muted">{t('questions.settings.keywordsIntro')}</p>
      {toggle.error && <Banner tone="error">{formErrorMessage(t, toggle.error)}</Banner>}
      <TextField
        name="keyword"
        type="search"
        label={t('questions.settings.keywordsSearch')}
        value={search}
        autoComplete="off"
        enterKeyHint="search"
        onChange={(event) => setSearch(event.target.value)}
      />
      <p id={countId} className="keywords-count" aria-live="polite">
        {t('questions.settings.keywordsCount', {
          on: countEnabled(keywords),
          total: keywords.length,
        })}
      </p>
      {shown.length === 0 ? (
        <p className="muted">{t('questions.settings.keywordsNone')}</p>
      ) : (
        // Scrolls on its own so the long list does not push the rest of the page away.
        <ul
          className="keyword-list"
          aria-label={t('questions.settings.keywordsList')}
          aria-describedby={countId}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard
          tabIndex={0}
        >
          {shown.map((keyword) => (
            <KeywordSwitch
              key={keyword.id}
              keyword={keyword}
              onChange={(enabled) => toggle.mutateAsync({ id: keyword.id, enabled })}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function KeywordSwitch(props: {
  keyword: QuestionKeywordDto;
  onChange(enabled: boolean): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const label = inLanguage(props.keyword.label, t('app.locale'));
  // The switch moves in the same frame as the tap; the cache follows a moment later, then the server.
  const [moving, setMoving] = useState<boolean | null>(null);

  function change(enabled: boolean) {
    setMoving(enabled);
    props
      .onChange(enabled)
      .catch(() => undefined)
      .finally(() => setMoving(null));
  }

  return (
    <li className="keyword">
      <label className="keyword-text" htmlFor={id}>
        <span className="keyword-name">{label}</span>
        <span className="keyword-words">{sampleWords(props.keyword.words)}</span>
      </label>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={moving ?? props.keyword.enabled}
        aria-checked={moving ?? props.keyword.enabled}
        aria-label={t('questions.settings.keywordToggle', { label })}
        onChange={(event) => change(event.target.checked)}
      />
    </li>
  );
}
