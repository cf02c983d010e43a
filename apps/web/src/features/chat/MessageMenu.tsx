import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface MessageMenuProps {
  x: number;
  y: number;
  onDelete(): void;
  onClose(): void;
}

const menuWidth = 160;

/** The small menu of one of my messages, where it was opened; only "delete" for now. */
export function MessageMenu({ x, y, onDelete, onClose }: MessageMenuProps) {
  const { t } = useTranslation();
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    first.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const left = Math.max(8, Math.min(x - menuWidth / 2, window.innerWidth - menuWidth - 8));
  const top = Math.max(8, Math.min(y + 4, window.innerHeight - 64));
  return (
    <>
      <button
        type="button"
        className="chat-menu-backdrop"
        tabIndex={-1}
        aria-hidden="true"
        onClick={onClose}
      />
      <div className="chat-menu" role="menu" style={{ left, top, width: menuWidth }}>
        <button
          ref={first}
          type="button"
          role="menuitem"
          className="chat-menu-item chat-menu-danger"
          onClick={onDelete}
        >
          {t('chat.delete')}
        </button>
      </div>
    </>
  );
}

interface ConfirmDeleteProps {
  open: boolean;
  partnerName: string;
  onConfirm(): void;
  onClose(): void;
}

/** Deleting is for both partners and final, so it asks once more; the safe choice has focus. */
export function ConfirmDeleteDialog({ open, partnerName, onConfirm, onClose }: ConfirmDeleteProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const back = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      back.current?.focus();
    } else if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="delete-message-title"
      aria-describedby="delete-message-note"
      onClose={onClose}
    >
      <div className="dialog-body">
        <h2 id="delete-message-title" className="section-title">
          {t('chat.deleteTitle')}
        </h2>
        <p id="delete-message-note" className="muted">
          {t('chat.deleteNote', { name: partnerName })}
        </p>
        <div className="button-row dialog-actions">
          <button ref={back} type="button" className="button button-secondary" onClick={onClose}>
            {t('chat.back')}
          </button>
          <button type="button" className="button button-danger" onClick={onConfirm}>
            {t('chat.deleteConfirm')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
