import { MESSAGE_MAX_LENGTH } from '@couple-chat/protocol';
import {
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { AttachMenu } from '../files/AttachMenu';
import { FileTray } from '../files/FileTray';
import type { FileTray as Tray } from '../files/useFileTray';
import type { PickedFile } from './useOutboxUploads';

// The counter appears this close to the limit, so it does not distract in everyday messages.
const counterFrom = MESSAGE_MAX_LENGTH - 500;
const maxInputPx = 160;

// On a phone Enter makes a new line and the button sends; with a keyboard Enter sends.
const coarsePointer = () =>
  typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;

interface ComposerProps {
  onSend(body: string): void;
  /** The tray's files with the text as their caption, as one message. */
  onSendFiles(caption: string, files: PickedFile[]): void;
  /** The files chosen for the next message (the chat adds dropped files to it too). */
  tray: Tray;
  maxFiles: number;
  onDraftChange(draft: string): void;
  /** I owe an answer to the open question: nothing can be sent until it is given. */
  locked: boolean;
  /** Takes me to the question's card. */
  onShowQuestion(): void;
}

export function Composer(props: ComposerProps) {
  const { onSend, onSendFiles, tray, onDraftChange, locked, onShowQuestion } = props;
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const statusId = useId();
  const lockId = useId();
  const length = draft.trim().length;
  const over = length - MESSAGE_MAX_LENGTH;
  const withFiles = tray.items.length > 0;
  const canSend = !locked && (length > 0 || withFiles) && over <= 0;
  const describedBy = [locked ? lockId : null, length >= counterFrom ? statusId : null]
    .filter(Boolean)
    .join(' ');

  // Grows with its text up to a few lines, then scrolls.
  // biome-ignore lint/correctness/useExhaustiveDependencies: measures again for each draft
  useLayoutEffect(() => {
    const element = input.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, maxInputPx)}px`;
  }, [draft]);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    if (withFiles) {
      onSendFiles(
        draft.trim(),
        tray.items.map(({ file, kind, width, height, durationMs }) => ({
          file,
          kind,
          width,
          height,
          durationMs,
        })),
      );
      tray.clear();
    } else onSend(draft.trim());
    setDraft('');
    input.current?.focus();
  }

  // Pasted pictures (a screenshot, a copied photo) join the tray; pasted text stays text.
  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = [...event.clipboardData.files];
    if (files.length === 0) return;
    event.preventDefault();
    tray.add(files);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Korean is typed through an IME: the Enter that ends a composition must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    if (coarsePointer()) return;
    event.preventDefault();
    submit();
  }

  return (
    <form className={`composer${locked ? ' composer-locked' : ''}`} onSubmit={submit}>
      <div className="composer-lock">
        {/* Always in the page, so the lock is announced when it comes (a draft is kept meanwhile). */}
        <p id={lockId} className="composer-lock-text" role="status">
          {locked && t('chat.locked')}
        </p>
        {locked && (
          <button
            type="button"
            className="button button-secondary composer-lock-button"
            onClick={onShowQuestion}
          >
            {t('chat.toQuestion')}
          </button>
        )}
      </div>
      {length >= counterFrom && (
        <p id={statusId} className={over > 0 ? 'composer-error' : 'composer-counter'} role="status">
          {over > 0
            ? t('chat.tooLong', { max: MESSAGE_MAX_LENGTH, over })
            : t('chat.counter', { count: length, max: MESSAGE_MAX_LENGTH })}
        </p>
      )}
      <FileTray tray={tray} max={props.maxFiles} />
      <div className="composer-row">
        <AttachMenu disabled={locked} onPick={tray.add} />
        <textarea
          ref={input}
          className="composer-input"
          rows={1}
          value={draft}
          aria-label={t('chat.input')}
          placeholder={withFiles ? t('files.captionPlaceholder') : t('chat.placeholder')}
          aria-invalid={over > 0 || undefined}
          aria-describedby={describedBy || undefined}
          disabled={locked}
          enterKeyHint="send"
          onChange={(event) => {
            setDraft(event.target.value);
            onDraftChange(event.target.value);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <button type="submit" className="composer-send" disabled={!canSend}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 19V5M5.5 11.5 12 5l6.5 6.5" />
          </svg>
          <span className="visually-hidden">{t('chat.send')}</span>
        </button>
      </div>
    </form>
  );
}
