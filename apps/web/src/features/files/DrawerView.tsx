import { type CoupleDto, type DrawerItem, DrawerTab } from '@couple-chat/protocol';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Banner } from '../../components/Banner';
import { formErrorMessage } from '../../i18n/errorMessages';
import { formatDate } from '../../lib/dates';
import type { JumpTo } from '../chat/useJump';
import { extensionOf, FileCard, MediaTile } from './Attachments';
import { drawerItemKey, drawerItems, formatMonth, groupByMonth } from './drawer';
import { Icon } from './Icons';
import { Lightbox } from './Lightbox';
import { downloadUrl } from './pictures';
import { useDrawer, useSentinel } from './useDrawer';
import { mediaOfDrawer, type ViewerItem } from './viewer';

interface DrawerViewProps {
  couple: CoupleDto;
  myId: string;
}

/** The drawer: every photo, video, file and link the couple shared, newest first, endlessly. */
export function DrawerView({ couple, myId }: DrawerViewProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const tab = DrawerTab.safeParse(params.get('tab')).data ?? 'media';
  return (
    <div className="drawer-page stack">
      <header className="page-header drawer-header">
        <Link to="/" className="icon-button" aria-label={t('drawer.back')}>
          <Icon name="previous" />
        </Link>
        <div>
          <h1 className="page-title">{t('drawer.title')}</h1>
          <p className="muted">{t('drawer.intro')}</p>
        </div>
      </header>
      <nav className="questions-tabs" aria-label={t('drawer.tabs.label')}>
        {DrawerTab.options.map((option) => (
          <Link
            key={option}
            to={option === 'media' ? '/drawer' : `/drawer?tab=${option}`}
            replace
            className="questions-tab"
            aria-current={option === tab ? 'page' : undefined}
          >
            {t(`drawer.tabs.${option}`)}
          </Link>
        ))}
      </nav>
      <DrawerTabPanel key={tab} tab={tab} couple={couple} myId={myId} />
    </div>
  );
}

function DrawerTabPanel({ tab, couple, myId }: DrawerViewProps & { tab: DrawerTab }) {
  const { t } = useTranslation();
  const drawer = useDrawer(tab);
  const items = useMemo(() => drawerItems(drawer.data?.pages ?? []), [drawer.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = drawer;
  const sentinel = useSentinel<HTMLDivElement>(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, hasNextPage && !drawer.isError);
  const navigate = useNavigate();
  const showInChat = useCallback(
    (item: Pick<DrawerItem, 'messageId' | 'seq'>) => {
      const jumpTo: JumpTo = { messageId: item.messageId, seq: item.seq };
      navigate('/', { state: { jumpTo } });
    },
    [navigate],
  );
  const who = (item: DrawerItem) =>
    item.senderId === myId
      ? t('drawer.fromMe')
      : t('drawer.fromPartner', { name: couple.partner.displayName });
  const when = (item: DrawerItem) =>
    formatDate(new Date(item.createdAt), t('app.locale'), couple.timeZone);

  if (drawer.isPending) {
    return (
      <p className="chat-status muted" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('app.loading')}
      </p>
    );
  }
  return (
    <section className="drawer-panel" aria-label={t(`drawer.tabs.${tab}`)}>
      {drawer.isError && (
        <Banner tone="error">
          <p>{t('drawer.loadError')}</p>
          <p>{formErrorMessage(t, drawer.error)}</p>
          <button type="button" className="text-button" onClick={() => drawer.refetch()}>
            {t('app.retry')}
          </button>
        </Banner>
      )}
      {drawer.isSuccess && items.length === 0 && (
        <p className="drawer-empty muted">{t(`drawer.empty.${tab}`)}</p>
      )}
      {tab === 'media' && (
        <MediaPanel items={items} couple={couple} myId={myId} onShowInChat={showInChat} />
      )}
      {tab === 'files' && (
        <ul className="drawer-list">
          {items.map((item) =>
            item.attachment ? (
              <li key={drawerItemKey(item)} className="drawer-entry">
                <FileCard
                  name={item.attachment.name}
                  size={item.attachment.size}
                  kindLabel={extensionOf(item.attachment.name)}
                  href={downloadUrl(item.attachment)}
                />
                <EntryMeta text={`${who(item)} · ${when(item)}`} onShow={() => showInChat(item)} />
              </li>
            ) : null,
          )}
        </ul>
      )}
      {tab === 'links' && (
        <ul className="drawer-list">
          {items.map((item) =>
            item.url ? (
              <li key={drawerItemKey(item)} className="drawer-entry">
                <LinkCard url={item.url} />
                <EntryMeta text={`${who(item)} · ${when(item)}`} onShow={() => showInChat(item)} />
              </li>
            ) : null,
          )}
        </ul>
      )}
      <div ref={sentinel} className="drawer-sentinel" />
      {isFetchingNextPage && (
        <p className="chat-status muted" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('drawer.loadingMore')}
        </p>
      )}
    </section>
  );
}

function EntryMeta({ text, onShow }: { text: string; onShow(): void }) {
  const { t } = useTranslation();
  return (
    <p className="drawer-meta">
      <span>{text}</span>
      <button type="button" className="chat-link-button" onClick={onShow}>
        {t('drawer.showInChat')}
      </button>
    </p>
  );
}

function LinkCard({ url }: { url: string }) {
  const { t } = useTranslation();
  let host = url;
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    // Shown as it is.
  }
  return (
    <a
      className="link-card"
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={t('drawer.openLink', { url })}
    >
      <span className="link-card-icon" aria-hidden="true">
        <Icon name="link" />
      </span>
      <span className="link-card-text">
        <span className="link-card-host">{host}</span>
        <span className="link-card-url">{url}</span>
      </span>
    </a>
  );
}

interface MediaPanelProps {
  items: DrawerItem[];
  couple: CoupleDto;
  myId: string;
  onShowInChat(item: ViewerItem): void;
}

function MediaPanel({ items, couple, myId, onShowInChat }: MediaPanelProps) {
  const { t } = useTranslation();
  const groups = useMemo(() => groupByMonth(items, couple.timeZone), [items, couple.timeZone]);
  const media = useMemo(() => mediaOfDrawer(items), [items]);
  const [viewing, setViewing] = useState<string | null>(null);
  const close = useCallback(() => setViewing(null), []);
  const describe = useCallback(
    (item: ViewerItem) =>
      t('lightbox.from', {
        name: item.senderId === myId ? t('lightbox.me') : couple.partner.displayName,
        time: formatDate(new Date(item.createdAt), t('app.locale'), couple.timeZone),
      }),
    [t, myId, couple.partner.displayName, couple.timeZone],
  );
  return (
    <>
      {groups.map((group) => (
        <section
          key={group.month}
          className="drawer-month"
          aria-labelledby={`month-${group.month}`}
        >
          <h2 id={`month-${group.month}`} className="drawer-month-title">
            {formatMonth(group.month, t('app.locale'))}
          </h2>
          <ul className="drawer-grid">
            {group.items.map((item) =>
              item.attachment ? (
                <li key={drawerItemKey(item)}>
                  <MediaTile
                    attachment={item.attachment}
                    label={`${item.attachment.name}, ${formatDate(new Date(item.createdAt), t('app.locale'), couple.timeZone)}`}
                    sizes="(min-width: 40em) 140px, 33vw"
                    onOpen={setViewing}
                  />
                </li>
              ) : null,
            )}
          </ul>
        </section>
      ))}
      {viewing && (
        <Lightbox
          items={media}
          startId={viewing}
          describe={describe}
          onClose={close}
          onShowInChat={onShowInChat}
        />
      )}
    </>
  );
}
