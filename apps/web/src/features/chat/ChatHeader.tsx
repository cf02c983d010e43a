import type { CoupleDto } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { relationshipDay } from '../../lib/dates';
import { useTakeFocus } from '../../lib/pendingFocus';
import { useNow } from '../../lib/useNow';
import { usePartnerOnline } from '../../realtime/hooks';
import { Icon } from '../files/Icons';

/** The partner, whether they are here, our day count, and the way to search and to the drawer. */
export function ChatHeader({ couple, onSearch }: { couple: CoupleDto; onSearch(): void }) {
  const { t } = useTranslation();
  // The count turns at midnight; a minute late is fine.
  const now = useNow(60_000);
  // Whoever just connected lands here: the partner's name takes focus.
  const titleRef = useTakeFocus<HTMLHeadingElement>('chat-title');
  // Only "has the app open right now"; when not, nothing is shown (no "last seen").
  const online = usePartnerOnline(couple.partner.id);
  const day = couple.startDate ? relationshipDay(couple.startDate, couple.timeZone, now) : null;
  return (
    <header className="chat-header">
      <span className="chat-avatar" aria-hidden="true">
        {couple.partner.displayName.slice(0, 1)}
      </span>
      <div className="chat-heading">
        <h1 ref={titleRef} id="chat-title" className="chat-title" tabIndex={-1}>
          {couple.partner.displayName}
        </h1>
        {online && (
          <span className="chat-presence">
            <span className="chat-presence-dot" aria-hidden="true" />
            {t('chat.online')}
          </span>
        )}
      </div>
      {day !== null && (
        <span className="chat-dday">
          {day > 0
            ? t('couple.dayCount', { count: day })
            : t('couple.daysAhead', { count: 1 - day })}
        </span>
      )}
      <button
        type="button"
        className="chat-header-button"
        title={t('chat.search')}
        aria-label={t('chat.search')}
        onClick={onSearch}
      >
        <Icon name="search" />
      </button>
      <Link to="/drawer" className="chat-header-button" title={t('chat.drawer')}>
        <Icon name="drawer" />
        <span className="visually-hidden">{t('chat.drawer')}</span>
      </Link>
    </header>
  );
}
