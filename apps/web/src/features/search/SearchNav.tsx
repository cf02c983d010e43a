import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../files/Icons';
import { canGoNewer, canGoOlder, position, type SearchState } from './searchState';

interface SearchNavProps {
  state: SearchState;
  listShown: boolean;
  onToggleList(): void;
  onOlder(): void;
  onNewer(): void;
}

/** Under the chat while searching: "3 of 37", ▲ older and ▼ newer match, and the list. */
export function SearchNav({ state, listShown, onToggleList, onOlder, onNewer }: SearchNavProps) {
  const { t } = useTranslation();
  const at = position(state);
  // The list stepped aside for a chosen result (on a phone): focus lands where it can come back.
  const toggle = useRef<HTMLButtonElement>(null);
  const wasShown = useRef(listShown);
  useEffect(() => {
    const left = document.activeElement === document.body || document.activeElement === null;
    if (wasShown.current && !listShown && left) toggle.current?.focus();
    wasShown.current = listShown;
  }, [listShown]);
  return (
    <div className="search-nav">
      <button
        ref={toggle}
        type="button"
        className="search-nav-list"
        aria-expanded={listShown}
        onClick={onToggleList}
      >
        <Icon name="list" />
        <span>{listShown ? t('search.hideList') : t('search.showList')}</span>
      </button>
      <p className="search-position" role="status">
        {at
          ? t('search.position', { index: at.index, total: at.total })
          : t('search.count', { count: state.total })}
      </p>
      <button
        type="button"
        className="icon-button"
        aria-label={t('search.older')}
        title={t('search.older')}
        disabled={!canGoOlder(state)}
        onClick={onOlder}
      >
        <Icon name="up" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={t('search.newer')}
        title={t('search.newer')}
        disabled={!canGoNewer(state)}
        onClick={onNewer}
      >
        <Icon name="down" />
      </button>
    </div>
  );
}
