import { type AttachmentDto, attachmentUrl } from '@couple-chat/protocol';
import { type CSSProperties, Fragment, memo, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { durationLabel, formatBytes, formatDuration } from './format';
import { photoGrid, singleAspect } from './grid';
import { Icon, PlayBadge } from './Icons';
import { isMedia } from './kinds';
import { downloadUrl, posterSource, tileSources } from './pictures';
import { placeholderUrl } from './placeholder';

interface MessageAttachmentsProps {
  attachments: AttachmentDto[];
  /** Opens the full-screen viewer at this photo or video. */
  onOpen(attachmentId: string): void;
}

/** A message's photos and videos as one bundle, then its other files as cards. */
export const MessageAttachments = memo(function MessageAttachments({
  attachments,
  onOpen,
}: MessageAttachmentsProps) {
  const media = attachments.filter(isMedia);
  const files = attachments.filter((a) => !isMedia(a));
  const single = media.length === 1 ? media[0] : undefined;
  return (
    <>
      {single?.kind === 'video' && <InlineVideo attachment={single} />}
      {single?.kind === 'image' && <SinglePhoto attachment={single} onOpen={onOpen} />}
      {media.length > 1 && <MediaBundle media={media} onOpen={onOpen} />}
      {files.map((file) => (
        <FileCard
          key={file.id}
          name={file.name}
          size={file.size}
          href={downloadUrl(file)}
          kindLabel={extensionOf(file.name)}
        />
      ))}
    </>
  );
});

/** "PDF", "HWP", … from the name, for the card; empty when there is none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot > name.length - 8 ? name.slice(dot + 1).toUpperCase() : '';
}

/** A picture that shows its ThumbHash (and keeps its box) until it has loaded. */
export function Picture({ attachment, sizes }: { attachment: AttachmentDto; sizes: string }) {
  const [loaded, setLoaded] = useState(false);
  const { src, srcSet } = tileSources(attachment);
  const placeholder = placeholderUrl(attachment.placeholder);
  return (
    <span
      className="picture"
      style={placeholder ? { backgroundImage: `url("${placeholder}")` } : undefined}
    >
      {src && (
        <img
          className={loaded ? 'picture-img picture-loaded' : 'picture-img'}
          src={src}
          srcSet={srcSet}
          sizes={srcSet ? sizes : undefined}
          alt=""
          loading="lazy"
          decoding="async"
          draggable={false}
          onLoad={() => setLoaded(true)}
        />
      )}
    </span>
  );
}

function SinglePhoto({
  attachment,
  onOpen,
}: {
  attachment: AttachmentDto;
  onOpen(id: string): void;
}) {
  const { t } = useTranslation();
  const aspect = singleAspect(attachment.width, attachment.height);
  return (
    <button
      type="button"
      className="media-single"
      style={{ '--aspect': aspect } as CSSProperties}
      aria-label={t('files.openPhoto')}
      onClick={() => onOpen(attachment.id)}
    >
      <Picture attachment={attachment} sizes="260px" />
    </button>
  );
}

/** Several photos and videos as a KakaoTalk-like grid; the last tile counts what does not fit. */
function MediaBundle({ media, onOpen }: { media: AttachmentDto[]; onOpen(id: string): void }) {
  const { t } = useTranslation();
  return (
    <BundleGrid
      items={media}
      keyOf={(a) => a.id}
      tile={(attachment, position, more, columns) => (
        <MediaTile
          attachment={attachment}
          more={more}
          label={t('files.openItem', { index: position, count: media.length })}
          onOpen={onOpen}
          sizes={`${Math.round(260 / columns)}px`}
        />
      )}
    />
  );
}

interface BundleGridProps<T> {
  items: readonly T[];
  keyOf(item: T): string;
  /** One tile; `more` is set on the last shown tile when some do not fit. */
  tile(item: T, position: number, more: number, columns: number): ReactNode;
}

/** The rows of a bundle (see photoGrid), for sent and still-uploading photos alike. */
export function BundleGrid<T>({ items, keyOf, tile }: BundleGridProps<T>) {
  const grid = photoGrid(items.length);
  let start = 0;
  return (
    <div className="media-grid">
      {grid.rows.map((columns) => {
        const first = start;
        start += columns;
        const row = items.slice(first, first + columns);
        return (
          <div key={keyOf(row[0] as T)} className="media-grid-row" data-columns={columns}>
            {row.map((item, offset) => {
              const position = first + offset + 1;
              return (
                <Fragment key={keyOf(item)}>
                  {tile(item, position, position === grid.shown ? grid.more : 0, columns)}
                </Fragment>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}

interface MediaTileProps {
  attachment: AttachmentDto;
  more?: number;
  label: string;
  sizes: string;
  onOpen(id: string): void;
}

export function MediaTile({ attachment, more = 0, label, sizes, onOpen }: MediaTileProps) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={`media-tile${attachment.kind === 'video' ? ' media-video-still' : ''}`}
      aria-label={more > 0 ? `${label}, ${t('files.moreLabel', { count: more })}` : label}
      onClick={() => onOpen(attachment.id)}
    >
      <Picture attachment={attachment} sizes={sizes} />
      {attachment.kind === 'video' && <VideoMarks attachment={attachment} />}
      {more > 0 && (
        <span className="media-more" aria-hidden="true">
          +{more}
        </span>
      )}
    </button>
  );
}

function VideoMarks({ attachment }: { attachment: AttachmentDto }) {
  const { t } = useTranslation();
  return (
    <>
      <PlayBadge />
      {attachment.durationMs !== null && (
        <span className="media-duration">
          <span aria-hidden="true">{formatDuration(attachment.durationMs)}</span>
          <span className="visually-hidden">
            {durationLabel(attachment.durationMs, t('app.locale'))}
          </span>
        </span>
      )}
    </>
  );
}

/** One video alone plays right in the chat, with the browser's controls, once tapped. */
function InlineVideo({ attachment }: { attachment: AttachmentDto }) {
  const { t } = useTranslation();
  const [playing, setPlaying] = useState(false);
  const style = { '--aspect': singleAspect(attachment.width, attachment.height) } as CSSProperties;
  if (playing) {
    return (
      <div className="media-single media-video" style={style}>
        {/* biome-ignore lint/a11y/useMediaCaption: personal videos have no captions to offer */}
        <video
          className="media-video-player"
          src={attachmentUrl(attachment.id, 'original')}
          poster={posterSource(attachment)}
          controls
          autoPlay
          playsInline
        />
      </div>
    );
  }
  return (
    <button
      type="button"
      className="media-single media-video-still"
      style={style}
      aria-label={t('files.playVideo')}
      onClick={() => setPlaying(true)}
    >
      <Picture attachment={attachment} sizes="260px" />
      <VideoMarks attachment={attachment} />
    </button>
  );
}

interface FileCardProps {
  name: string;
  size: number;
  kindLabel: string;
  /** Where the file downloads from; a file still on its way up has none. */
  href?: string | undefined;
  children?: ReactNode;
}

/** A file that is not a photo or video: its name and size, downloaded with its own name. */
export function FileCard({ name, size, kindLabel, href, children }: FileCardProps) {
  const { t } = useTranslation();
  const body = (
    <>
      <span className="file-card-icon" aria-hidden="true">
        <Icon name="file" />
        {kindLabel && <span className="file-card-ext">{kindLabel}</span>}
      </span>
      <span className="file-card-text">
        <span className="file-card-name">{name}</span>
        <span className="file-card-size">{formatBytes(size, t('app.locale'))}</span>
      </span>
    </>
  );
  if (!href) {
    return (
      <div className="file-card">
        {body}
        {children}
      </div>
    );
  }
  return (
    <a
      className="file-card"
      href={href}
      download={name}
      aria-label={t('files.downloadName', { name })}
    >
      {body}
      <span className="file-card-download" aria-hidden="true">
        <Icon name="download" />
      </span>
    </a>
  );
}
