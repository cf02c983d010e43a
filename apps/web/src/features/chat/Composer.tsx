import { MESSAGE_MAX_LENGTH } from '@couple-chat/protocol';
import {
  type FormEvent,
  type KeyboardEvent,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';

// The counter appears this close to the limit, so it does not distract in everyday messages.
const counterFrom = MESSAGE_MAX_LENGTH - 500;
const maxInputPx = 160;

// On a phone Enter makes a new line and the button sends; with a keyboard Enter sends.
const coarsePointer = () =>
  typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;

interface ComposerProps {
  onSend(body: string): void;
  onDraftChange(draft: string): void;
  /** I owe an answer to the open question: nothing can be sent until it is given. */
  locked: boolean;
  /** Takes me to the question's card. */
  onShowQuestion(): void;
}

export function Composer({ onSend, onDraftChange, locked, onShowQuestion }: ComposerProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const statusId = useId();
  const lockId = useId();
  const length = draft.trim().length;
  const over = length - MESSAGE_MAX_LENGTH;
  const canSend = !locked && length > 0 && over <= 0;
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
    onSend(draft.trim());
    setDraft('');
    input.current?.focus();
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
      <div className="composer-row">
        <textarea
          ref={input}
          className="composer-input"
          rows={1}
          value={draft}
          aria-label={t('chat.input')}
          placeholder={t('chat.placeholder')}
          aria-invalid={over > 0 || undefined}
          aria-describedby={describedBy || undefined}
          disabled={locked}
          enterKeyHint="send"
          onChange={(event) => {
            setDraft(event.target.value);
            onDraftChange(event.target.value);
          }}
          onKeyDown={onKeyDown}
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
