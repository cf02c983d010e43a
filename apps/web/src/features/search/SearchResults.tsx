import type { SearchItem, SearchQuery } from '@couple-chat/protocol';
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorMessage } from '../../i18n/errorMessages';
import { formatDateTime } from '../../lib/dates';
import { useSentinel } from '../files/useDrawer';
import { MarkedRuns } from './MarkedRuns';
import type { SearchState } from './searchState';
import { buildSnippet } from './snippet';

interface SearchResultsProps {
  state: SearchState;
  query: SearchQuery | null;
  myId: string;
  partnerName: string;
  timeZone: string;
  onSelect(index: number): void;
  onMore(): void;
  onRetry(): void;
}

/** The results, newest first, page after page as the list scrolls; choosing one shows it in the chat. */
export function SearchResults(props: SearchResultsProps) {
  const { state, query, onMore } = props;
  const { t } = useTranslation();
  const titleId = useId();
  const canMore = state.status === 'ready' && state.next !== null && !state.error;
  const sentinel = useSentinel<HTMLDivElement>(onMore, canMore);

  return (
    <section className="search-results" aria-labelledby={titleId}>
      <h2 id={titleId} className="search-results-title" aria-live="polite">
        {state.status === 'ready' ? t('search.count', { count: state.total }) : t('search.results')}
      </h2>
      {state.status === 'loading' && (
        <p className="chat-status muted" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('search.loading')}
        </p>
      )}
      {state.status === 'failed' && (
        <div className="search-problem" role="alert">
          <p>{t('search.failed')}</p>
          <p className="muted">{formErrorMessage(t, state.error)}</p>
          <button type="button" className="text-button" onClick={props.onRetry}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {state.status === 'ready' && state.items.length === 0 && (
        <div className="search-empty">
          <p>{t('search.empty', { q: query?.q ?? '' })}</p>
          <p className="muted">{t('search.emptyHint')}</p>
        </div>
      )}
      {state.items.length > 0 && (
        <ol className="search-list" aria-label={t('search.results')}>
          {state.items.map((item, index) => (
            <li key={item.message.id}>
              <ResultButton
                item={item}
                index={index}
                current={state.current === index}
                who={item.message.senderId === props.myId ? t('search.me') : props.partnerName}
                mine={item.message.senderId === props.myId}
                timeZone={props.timeZone}
                onSelect={props.onSelect}
              />
            </li>
          ))}
        </ol>
      )}
      {state.loadingMore && (
        <p className="chat-status muted" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('search.loadingMore')}
        </p>
      )}
      {state.status === 'ready' && state.error !== null && (
        <div className="search-problem" role="alert">
          <p>{t('search.moreFailed')}</p>
          <button type="button" className="text-button" onClick={onMore}>
            {t('app.retry')}
          </button>
        </div>
      )}
      <div ref={sentinel} className="drawer-sentinel" aria-hidden="true" />
    </section>
  );
}

interface ResultButtonProps {
  item: SearchItem;
  index: number;
  current: boolean;
  who: string;
  mine: boolean;
  timeZone: string;
  onSelect(index: number): void;
}

const ResultButton = memo(function ResultButton(props: ResultButtonProps) {
  const { item, index, current, who, mine, timeZone, onSelect } = props;
  const { t } = useTranslation();
  const { message } = item;
  const snippet = buildSnippet(message.body ?? '', item.matches);
  const time = formatDateTime(new Date(message.createdAt), t('app.locale'), timeZone, new Date());
  return (
    <button
      type="button"
      className="search-item"
      aria-current={current ? 'true' : undefined}
      onClick={() => onSelect(index)}
    >
      <span className="search-item-top">
        <span className={`search-item-who${mine ? '' : ' search-item-partner'}`}>{who}</span>
        <time className="search-item-time" dateTime={message.createdAt}>
          {time}
        </time>
      </span>
      <span className="search-snippet">
        {snippet.cutStart && '…'}
        <MarkedRuns runs={snippet.runs} />
        {snippet.cutEnd && '…'}
      </span>
    </button>
  );
});
