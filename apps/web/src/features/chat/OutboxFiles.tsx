import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { formErrorMessage } from '../../i18n/errorMessages';
import { BundleGrid, extensionOf, FileCard } from '../files/Attachments';
import { singleAspect } from '../files/grid';
import { Icon, PlayBadge } from '../files/Icons';
import { canPreview } from '../files/kinds';
import { uploadManager } from '../files/uploadManager';
import type { UploadErrorCode } from '../files/uploads';
import { useUploadProgress } from '../files/useUploadProgress';
import type { OutboxEntry, OutboxFile } from './chatState';

// Failures another try can fix; the others (wrong type, too large, damaged) need another file.
const retriable = new Set<UploadErrorCode>([
  'network_error',
  'internal_error',
  'rate_limited',
  'upload_offset_mismatch',
  'unexpected_response',
]);

export interface FileHandlers {
  onCancelFile(key: string): void;
  onRetryFile(key: string): void;
}

interface OutboxFilesProps extends FileHandlers {
  entry: OutboxEntry;
}

/** An unsent message's files from this device: previews, each with its progress, cancel and retry. */
export function OutboxFiles({ entry, onCancelFile, onRetryFile }: OutboxFilesProps) {
  const files = entry.files ?? [];
  // Once the message went out, its files are the server's: nothing is cancelled one by one.
  const editable = entry.status !== 'sending' && entry.status !== 'sent';
  const media = files.filter((f) => f.kind !== 'file');
  const others = files.filter((f) => f.kind === 'file');
  const tileProps = { editable, onCancelFile, onRetryFile };
  const single = media.length === 1 ? media[0] : undefined;
  return (
    <>
      {single && (
        <LocalTile
          file={single}
          className="media-single"
          style={
            {
              '--aspect': singleAspect(single.width ?? null, single.height ?? null),
            } as CSSProperties
          }
          {...tileProps}
        />
      )}
      {media.length > 1 && (
        <BundleGrid
          items={media}
          keyOf={(f) => f.key}
          tile={(file, _position, more) => (
            <LocalTile file={file} className="media-tile" more={more} {...tileProps} />
          )}
        />
      )}
      {others.map((file) => (
        <FileCard
          key={file.key}
          name={file.name}
          size={file.size}
          kindLabel={extensionOf(file.name)}
        >
          <UploadState file={file} {...tileProps} />
        </FileCard>
      ))}
    </>
  );
}

/** Under an unsent message: each file that could not be uploaded, why, and what can be done. */
export function UploadProblems({ entry, onCancelFile, onRetryFile }: OutboxFilesProps) {
  const { t } = useTranslation();
  const failed = (entry.files ?? []).filter((f) => f.upload === 'failed');
  return failed.map((file) => {
    // Without a network nothing is wrong with the file: it goes on by itself once online.
    const waiting = file.error === 'network_error';
    return (
      <p
        key={file.key}
        className={waiting ? 'chat-held' : 'chat-failed'}
        role={waiting ? 'status' : 'alert'}
      >
        <span>
          {waiting
            ? t('files.waitingNetwork', { name: file.name })
            : t('files.failedFile', { name: file.name, reason: uploadErrorMessage(t, file.error) })}
        </span>
        {file.error && retriable.has(file.error) && (
          <>
            <span aria-hidden="true"> · </span>
            <button
              type="button"
              className="chat-link-button"
              onClick={() => onRetryFile(file.key)}
            >
              {t('files.retryUpload')}
            </button>
          </>
        )}
        <span aria-hidden="true"> · </span>
        <button type="button" className="chat-link-button" onClick={() => onCancelFile(file.key)}>
          {t('files.removeFailed')}
        </button>
      </p>
    );
  });
}

type Translate = ReturnType<typeof useTranslation>['t'];

export function uploadErrorMessage(t: Translate, code: UploadErrorCode | undefined): string {
  if (code === 'file_missing') return t('files.fileMissing');
  return formErrorMessage(t, new ApiError({ code: code ?? 'internal_error', status: 0 }));
}

interface LocalTileProps {
  file: OutboxFile;
  className: string;
  style?: CSSProperties;
  more?: number;
  editable: boolean;
  onCancelFile(key: string): void;
  onRetryFile(key: string): void;
}

/** A photo or video drawn from this device's copy while it uploads. */
function LocalTile({ file, className, style, more = 0, ...handlers }: LocalTileProps) {
  // A HEIC photo (say) is still shown as a photo once the server has made its renditions.
  const url = canPreview(file) ? uploadManager().previewUrl(file.key) : undefined;
  return (
    <div className={`${className} media-local`} style={style}>
      <span className="picture">
        {url && file.kind === 'image' && (
          <img className="picture-img picture-loaded" src={url} alt="" draggable={false} />
        )}
        {url && file.kind === 'video' && (
          <video
            className="picture-img picture-loaded"
            src={`${url}#t=0.1`}
            muted
            playsInline
            preload="metadata"
          />
        )}
        {!url && (
          <span className="media-missing" aria-hidden="true">
            <Icon name={file.kind === 'video' ? 'camera' : 'photo'} />
          </span>
        )}
      </span>
      {file.kind === 'video' && file.upload === 'done' && <PlayBadge />}
      {more > 0 && (
        <span className="media-more" aria-hidden="true">
          +{more}
        </span>
      )}
      <UploadState file={file} {...handlers} />
    </div>
  );
}

/** The progress bar of one file, with its cancel button while it can still be cancelled. */
function UploadState({
  file,
  editable,
  onCancelFile,
}: Omit<LocalTileProps, 'className' | 'style' | 'more'>) {
  const { t } = useTranslation();
  const progress = useUploadProgress(file.key);
  if (file.upload === 'done') return null;
  const failed = file.upload === 'failed';
  // All bytes are up; the server is making thumbnails before it answers.
  const processing = !failed && progress >= 1;
  const percent = Math.round(progress * 100);
  return (
    <>
      {failed ? (
        <span className="upload-failed-mark" aria-hidden="true">
          !
        </span>
      ) : (
        <span
          className={`upload-bar${processing ? ' upload-bar-processing' : ''}`}
          role="progressbar"
          aria-label={t('files.uploadingName', { name: file.name })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={processing ? undefined : percent}
          aria-valuetext={processing ? t('files.processing') : `${percent}%`}
        >
          <span className="upload-bar-fill" style={{ width: `${processing ? 100 : percent}%` }} />
        </span>
      )}
      {editable && (
        <button
          type="button"
          className="upload-cancel"
          aria-label={t('files.cancelFile', { name: file.name })}
          onClick={() => onCancelFile(file.key)}
        >
          <Icon name="close" />
        </button>
      )}
    </>
  );
}
