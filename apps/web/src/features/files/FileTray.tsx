import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { formErrorMessage } from '../../i18n/errorMessages';
import { formatBytes, formatDuration } from './format';
import { Icon, PlayBadge } from './Icons';
import type { FileTray as Tray, TrayItem } from './useFileTray';

interface FileTrayProps {
  tray: Tray;
  max: number;
}

/** The files chosen for the next message, above the composer: previews, sizes and remove buttons. */
export function FileTray({ tray, max }: FileTrayProps) {
  const { t } = useTranslation();
  if (tray.items.length === 0 && tray.problems.length === 0) return null;
  return (
    <div className="file-tray">
      {tray.problems.length > 0 && (
        <div className="file-tray-problems">
          <div role="alert">
            {tray.problems.map((problem) => (
              <p key={`${problem.code}:${problem.name}`}>
                {problem.code === 'file_empty' || problem.code === 'file_too_large'
                  ? t('files.problem', { name: problem.name, reason: reasonOf(t, problem.code) })
                  : reasonOf(t, problem.code)}
              </p>
            ))}
          </div>
          <button
            type="button"
            className="file-tray-dismiss"
            aria-label={t('files.dismiss')}
            onClick={tray.dismiss}
          >
            <Icon name="close" />
          </button>
        </div>
      )}
      {tray.items.length > 0 && (
        <div className="file-tray-body">
          <ul className="file-tray-list" aria-label={t('files.tray')}>
            {tray.items.map((item) => (
              <TrayTile key={item.key} item={item} tray={tray} />
            ))}
          </ul>
          <p className="file-tray-count">
            {t('files.trayCount', { count: tray.items.length, max })}
          </p>
        </div>
      )}
    </div>
  );
}

function reasonOf(t: ReturnType<typeof useTranslation>['t'], code: ApiError['code']): string {
  return formErrorMessage(t, new ApiError({ code, status: 0 }));
}

function TrayTile({ item, tray }: { item: TrayItem; tray: Tray }) {
  const { t } = useTranslation();
  const { file } = item;
  return (
    <li className={`tray-item tray-item-${item.url ? item.kind : 'file'}`}>
      {item.url && item.kind === 'image' && (
        <img
          className="tray-preview"
          src={item.url}
          alt={file.name}
          onLoad={(event) =>
            tray.measure(item.key, {
              width: event.currentTarget.naturalWidth,
              height: event.currentTarget.naturalHeight,
            })
          }
        />
      )}
      {item.url && item.kind === 'video' && (
        <>
          <video
            className="tray-preview"
            src={`${item.url}#t=0.1`}
            muted
            playsInline
            preload="metadata"
            aria-label={file.name}
            onLoadedMetadata={(event) => {
              const video = event.currentTarget;
              tray.measure(item.key, {
                width: video.videoWidth,
                height: video.videoHeight,
                durationMs: Number.isFinite(video.duration)
                  ? Math.round(video.duration * 1000)
                  : undefined,
              });
            }}
          />
          <PlayBadge />
          {item.durationMs !== undefined && (
            <span className="media-duration">{formatDuration(item.durationMs)}</span>
          )}
        </>
      )}
      {!item.url && (
        <span className="tray-file">
          <span className="file-card-icon tray-file-icon" aria-hidden="true">
            <Icon name="file" />
          </span>
          <span className="tray-file-name">{file.name}</span>
          <span className="tray-file-size">{formatBytes(file.size, t('app.locale'))}</span>
        </span>
      )}
      <button
        type="button"
        className="tray-remove"
        aria-label={t('files.remove', { name: file.name })}
        onClick={() => tray.remove(item.key)}
      >
        <Icon name="close" />
      </button>
    </li>
  );
}
