import { type CoupleDto, GRACE_PERIOD_DAYS } from '@couple-chat/protocol';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { formErrorMessage } from '../../i18n/errorMessages';
import { focusWhenShown } from '../../lib/pendingFocus';
import { ExportLinks } from './ExportLinks';
import { useStartEnding } from './hooks';

const days = GRACE_PERIOD_DAYS;

/** Ending is never instant: this only starts the grace period, after a dialog that says so. */
export function EndConnectionSection({ couple }: { couple: CoupleDto }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const start = useStartEnding();

  function open() {
    start.reset();
    dialogRef.current?.showModal();
    // The safe choice takes focus in a destructive dialog (React's autoFocus runs only on mount).
    backRef.current?.focus();
  }

  function confirm() {
    start.mutate(undefined, {
      onSuccess: () => {
        // The button that opened the dialog is gone; the banner with the way back takes focus.
        focusWhenShown('ending-banner');
        dialogRef.current?.close();
      },
    });
  }

  return (
    <section className="card danger-zone" aria-labelledby="end-title">
      <h2 id="end-title" className="section-title">
        {t('couple.end.title')}
      </h2>
      {couple.status === 'ending' ? (
        <p>{t('couple.end.scheduled')}</p>
      ) : (
        <>
          <p className="muted">{t('couple.end.intro', { days })}</p>
          <div className="button-row">
            <button type="button" className="button button-danger-outline" onClick={open}>
              {t('couple.end.open')}
            </button>
          </div>
        </>
      )}
      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby="end-dialog-title"
        aria-describedby="end-dialog-facts"
      >
        <div className="dialog-body">
          <h2 id="end-dialog-title" className="section-title">
            {t('couple.end.dialogTitle')}
          </h2>
          <ul id="end-dialog-facts" className="dialog-facts">
            <li>{t('couple.end.graceNote', { days })}</li>
            <li>{t('couple.end.cancelNote')}</li>
            <li className="dialog-warning">{t('couple.end.deleteNote')}</li>
          </ul>
          <p className="muted">{t('couple.end.exportNote')}</p>
          <ExportLinks />
          {start.isError && <Banner tone="error">{formErrorMessage(t, start.error)}</Banner>}
          <div className="button-row dialog-actions">
            <button
              ref={backRef}
              type="button"
              className="button button-secondary"
              onClick={() => dialogRef.current?.close()}
            >
              {t('couple.end.back')}
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={start.isPending}
              aria-busy={start.isPending || undefined}
              onClick={confirm}
            >
              {start.isPending && <span className="spinner" aria-hidden="true" />}
              {t('couple.end.confirm', { days })}
            </button>
          </div>
        </div>
      </dialog>
    </section>
  );
}
