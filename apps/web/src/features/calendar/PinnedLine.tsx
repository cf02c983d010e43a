import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDdays } from './hooks';
import { pinnedItem, pinnedText } from './pinned';

/** One calm line under the chat's header: the pinned D-day or the next milestone; nothing if none. */
export function PinnedLine() {
  const { t } = useTranslation();
  const ddays = useDdays();
  const item = ddays.data ? pinnedItem(ddays.data) : null;
  if (!item) return null;
  return (
    <Link
      to="/calendar"
      className="chat-pin"
      aria-label={`${t('dday.pinned.label')}: ${pinnedText(t, item)}`}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" className="chat-pin-icon">
        <rect x="4" y="5" width="16" height="15" rx="2" />
        <path d="M4 10h16M9 3v4M15 3v4" />
      </svg>
      <span className="chat-pin-text">{pinnedText(t, item)}</span>
    </Link>
  );
}
