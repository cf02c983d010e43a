import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from './Icons';

// Phones offer the camera directly; on a desktop the file picker already covers everything.
const coarsePointer = () =>
  typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;

interface AttachMenuProps {
  disabled: boolean;
  onPick(files: File[]): void;
}

interface Choice {
  id: 'media' | 'files' | 'camera';
  icon: IconName;
  accept?: string;
  capture?: 'environment';
  multiple: boolean;
}

const choices: Choice[] = [
  { id: 'media', icon: 'photo', accept: 'image/*,video/*', multiple: true },
  { id: 'files', icon: 'file', multiple: true },
  { id: 'camera', icon: 'camera', accept: 'image/*', capture: 'environment', multiple: false },
];

/** The paperclip: a small menu of photos & videos, any file, and (on phones) the camera. */
export function AttachMenu({ disabled, onPick }: AttachMenuProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const inputs = useRef(new Map<Choice['id'], HTMLInputElement>());
  const shown = choices.filter((c) => c.id !== 'camera' || coarsePointer());

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector('button')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  return (
    <div className="attach">
      <button
        ref={button}
        type="button"
        className="composer-attach"
        aria-label={t('files.attach')}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="paperclip" />
      </button>
      {open && (
        <div ref={menu} id={menuId} className="attach-menu" role="menu">
          {shown.map((choice) => (
            <button
              key={choice.id}
              type="button"
              role="menuitem"
              className="attach-menu-item"
              onClick={() => {
                setOpen(false);
                inputs.current.get(choice.id)?.click();
              }}
            >
              <span className={`attach-menu-icon attach-menu-icon-${choice.id}`} aria-hidden="true">
                <Icon name={choice.icon} />
              </span>
              {t(`files.pick.${choice.id}`)}
            </button>
          ))}
        </div>
      )}
      {choices.map((choice) => (
        <input
          key={choice.id}
          ref={(element) => {
            if (element) inputs.current.set(choice.id, element);
            else inputs.current.delete(choice.id);
          }}
          type="file"
          hidden
          tabIndex={-1}
          accept={choice.accept}
          capture={choice.capture}
          multiple={choice.multiple}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            // Cleared so the same file can be picked again after removing it from the tray.
            event.target.value = '';
            onPick(files);
          }}
        />
      ))}
    </div>
  );
}
