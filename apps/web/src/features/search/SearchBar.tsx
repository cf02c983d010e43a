import { type SearchFrom, SearchKind, type SearchQuery } from '@couple-chat/protocol';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FieldProblems, issueMessage, problemsFromApiError } from '../../i18n/errorMessages';
import { Icon } from '../files/Icons';
import {
  checkSearch,
  isUntilBeforeSince,
  noFilters,
  type SearchFilters,
  searchFields,
} from './query';

interface SearchBarProps {
  partnerName: string;
  /** The couple's today: no date after it can hold a message. */
  today: string;
  /** The last search's failure: the server's word on a field shows under it. */
  error: unknown;
  onSearch(query: SearchQuery): void;
  onClose(): void;
  onPickDate(): void;
}

/** The chat header while searching: back, the words, options (who, what, when) and the date picker. */
export function SearchBar({
  partnerName,
  today,
  error,
  onSearch,
  onClose,
  onPickDate,
}: SearchBarProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<SearchFilters>(noFilters);
  const [showFilters, setShowFilters] = useState(false);
  const [problems, setProblems] = useState<FieldProblems>({});
  const searched = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const filtersId = useId();

  useEffect(() => input.current?.focus(), []);
  useEffect(() => setProblems(problemsFromApiError(error, searchFields)), [error]);

  const run = (words: string, chosen: SearchFilters) => {
    const checked = checkSearch(words, chosen);
    if (checked.ok) {
      setProblems({});
      searched.current = true;
      onSearch(checked.query);
    } else if (!checked.empty) setProblems(checked.problems);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    run(q, filters);
  };
  // Once something was searched, changing an option searches again at once.
  const change = (next: Partial<SearchFilters>) => {
    const chosen = { ...filters, ...next };
    setFilters(chosen);
    if (searched.current) run(q, chosen);
  };

  const fieldError = (field: 'q' | 'since' | 'until') => {
    const problem = problems[field];
    if (!problem) return null;
    if (field === 'until' && isUntilBeforeSince(problems)) return t('search.untilBeforeSince');
    return issueMessage(t, problem, field);
  };
  const errors = (['q', 'since', 'until'] as const)
    .map((field) => fieldError(field))
    .filter((message): message is string => message !== null);
  const filtering =
    filters.from !== null || filters.kind !== null || !!filters.since || !!filters.until;

  return (
    <search className="search-bar" aria-label={t('search.title')}>
      <form className="search-form" onSubmit={onSubmit}>
        <div className="search-row">
          <button
            type="button"
            className="chat-header-button"
            aria-label={t('search.close')}
            title={t('search.close')}
            onClick={onClose}
          >
            <Icon name="previous" />
          </button>
          <div className="search-field">
            <button type="submit" className="search-submit" aria-label={t('search.submit')}>
              <Icon name="search" />
            </button>
            <input
              ref={input}
              type="search"
              className="search-input"
              aria-label={t('search.field')}
              aria-invalid={problems.q ? true : undefined}
              aria-describedby={errors.length > 0 ? errorId : undefined}
              placeholder={t('search.placeholder')}
              title={t('search.hint')}
              enterKeyHint="search"
              autoComplete="off"
              value={q}
              onChange={(event) => setQ(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') onClose();
              }}
            />
            {q && (
              <button
                type="button"
                className="search-clear"
                aria-label={t('search.clear')}
                onClick={() => {
                  setQ('');
                  input.current?.focus();
                }}
              >
                <Icon name="close" />
              </button>
            )}
          </div>
          <button
            type="button"
            className={`chat-header-button${filtering ? ' search-options-on' : ''}`}
            aria-label={filtering ? t('search.filtersActive') : t('search.filters')}
            title={t('search.filters')}
            aria-expanded={showFilters}
            aria-controls={filtersId}
            onClick={() => setShowFilters((shown) => !shown)}
          >
            <Icon name="options" />
          </button>
          <button
            type="button"
            className="chat-header-button"
            aria-label={t('search.byDate')}
            title={t('search.byDate')}
            aria-haspopup="dialog"
            onClick={onPickDate}
          >
            <Icon name="calendar" />
          </button>
        </div>
        <div id={filtersId} className="search-filters" hidden={!showFilters}>
          <FilterChips
            legend={t('search.from')}
            name="from"
            value={filters.from}
            choices={[
              [null, t('search.fromAll')],
              ['me', t('search.fromMe')],
              ['partner', partnerName],
            ]}
            onChange={(from: SearchFrom | null) => change({ from })}
          />
          <FilterChips
            legend={t('search.kind')}
            name="kind"
            value={filters.kind}
            choices={[
              [null, t('search.kinds.all')],
              ...SearchKind.options.map((kind) => [kind, t(`search.kinds.${kind}`)] as const),
            ]}
            onChange={(kind: SearchKind | null) => change({ kind })}
          />
          <fieldset className="search-option">
            <legend className="search-legend">{t('search.period')}</legend>
            <div className="search-period">
              <span className="search-dates">
                <input
                  type="date"
                  className="search-date"
                  aria-label={t('search.since')}
                  aria-invalid={problems.since ? true : undefined}
                  max={filters.until || today}
                  value={filters.since}
                  onChange={(event) => change({ since: event.target.value })}
                />
                <span aria-hidden="true">–</span>
                <input
                  type="date"
                  className="search-date"
                  aria-label={t('search.until')}
                  aria-invalid={problems.until ? true : undefined}
                  min={filters.since || undefined}
                  max={today}
                  value={filters.until}
                  onChange={(event) => change({ until: event.target.value })}
                />
              </span>
              {(filters.since || filters.until) && (
                <button
                  type="button"
                  className="chat-link-button"
                  onClick={() => change({ since: '', until: '' })}
                >
                  {t('search.clearPeriod')}
                </button>
              )}
            </div>
          </fieldset>
        </div>
      </form>
      {errors.length > 0 && (
        <p id={errorId} className="field-error search-error">
          {errors.join(' ')}
        </p>
      )}
    </search>
  );
}

interface FilterChipsProps<T extends string> {
  legend: string;
  name: string;
  value: T | null;
  choices: readonly (readonly [T | null, string])[];
  onChange(value: T | null): void;
}

/** One option as a row of chips (radio buttons underneath, so arrow keys move between them). */
function FilterChips<T extends string>({
  legend,
  name,
  value,
  choices,
  onChange,
}: FilterChipsProps<T>) {
  return (
    <fieldset className="search-option">
      <legend className="search-legend">{legend}</legend>
      <div className="chips">
        {choices.map(([choice, label]) => (
          <label key={choice ?? 'all'} className="chip">
            <input
              type="radio"
              name={name}
              className="chip-input"
              checked={value === choice}
              onChange={() => onChange(choice)}
            />
            <span className="chip-label">{label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
