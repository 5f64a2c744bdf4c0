// A modal dialog: the native <dialog> opened with showModal, so focus is trapped inside it and Escape closes it; it is
// labelled by its heading, has a close button, focuses `initialFocus` (else its first control) when it opens and gives
// focus back to the element that opened it when it closes.
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { useT } from './i18n.js';
import { IconClose } from './icons.js';

export interface DialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Buttons at the bottom. */
  footer?: ReactNode;
  /** Called on the close button, Escape and any `dialogRef.current.close()`. */
  onClose: () => void;
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  dialogRef?: RefObject<HTMLDialogElement | null>;
}

export function Dialog({ open, title, children, footer, onClose, initialFocus, className, dialogRef }: DialogProps) {
  const { t } = useT();
  const id = useId();
  const own = useRef<HTMLDialogElement>(null);
  const ref = dialogRef ?? own;
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
      initialFocus?.current?.focus();
    } else if (!open && d.open) d.close();
  }, [open, ref, initialFocus]);
  const closed = () => {
    onClose();
    const back = opener.current;
    opener.current = null;
    if (back) setTimeout(() => back.focus(), 0);
  };
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={id + 't'}
      aria-describedby={id + 'd'}
      onClose={closed}
    >
      <div className="dialog-head">
        <h2 id={id + 't'}>{title}</h2>
        <button type="button" className="dialog-close" onClick={() => ref.current?.close()}>
          <IconClose />
          <span className="visually-hidden">{t('dialog.close')}</span>
        </button>
      </div>
      <div id={id + 'd'}>{children}</div>
      {footer && <div className="button-row dialog-buttons">{footer}</div>}
    </dialog>
  );
}
