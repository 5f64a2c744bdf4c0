// Guarded actions: every irreversible or mass action asks first (a native modal <dialog> with a summary in counts and
// its consequences), cannot be started twice (the button is aria-disabled while it runs, so focus stays on it), shows
// progress while it runs and a receipt after. `useAction` is the running/error/receipt state on its own.
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { ErrorMessage, Status } from './components.js';
import { Dialog } from './dialog.js';
import { useT } from './i18n.js';

/** The state of one action: `run` does nothing while it is already running. */
export function useAction<R>(fn: () => Promise<R>, receiptOf?: (r: R) => string | null) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<string | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const busy = useRef(false);
  const fnRef = useRef(fn);
  const receiptRef = useRef(receiptOf);
  useLayoutEffect(() => {
    fnRef.current = fn;
    receiptRef.current = receiptOf;
  });
  const run = useCallback(async (): Promise<R | undefined> => {
    if (busy.current) return undefined;
    busy.current = true;
    setRunning(true);
    setError(null);
    setReceipt(null);
    setResult(null);
    try {
      const r = await fnRef.current();
      setResult(r);
      setReceipt(receiptRef.current ? receiptRef.current(r) : null);
      return r;
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      busy.current = false;
      setRunning(false);
    }
  }, []);
  const reset = useCallback(() => {
    setError(null);
    setReceipt(null);
    setResult(null);
  }, []);
  return { run, running, error, receipt, result, reset };
}

export interface ConfirmProps {
  open: boolean;
  title: string;
  /** What will happen, in counts (a list or a short table). */
  children: ReactNode;
  /** Whether it can be undone, and what then. */
  consequence?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  /** Called on cancel, Esc and after confirm; focus then returns to the element that opened the dialog. */
  onClose: () => void;
}

/** A modal confirmation (a Dialog: focus trapped, Esc cancels), cancel focused first. */
export function ConfirmDialog({ open, title, children, consequence, confirmLabel, onConfirm, onClose }: ConfirmProps) {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      initialFocus={cancelRef}
      dialogRef={ref}
      className="confirm-dialog"
      footer={
        <>
          <button
            type="button"
            className="button"
            onClick={() => {
              onConfirm();
              ref.current?.close();
            }}
          >
            {confirmLabel}
          </button>
          <button ref={cancelRef} type="button" className="button-secondary" onClick={() => ref.current?.close()}>
            {t('guard.cancel')}
          </button>
        </>
      }
    >
      {children}
      {consequence && <p className="confirm-consequence">{consequence}</p>}
    </Dialog>
  );
}

export interface GuardedProps {
  /** The button's text. */
  label: string;
  className?: string;
  disabled?: boolean;
  /** Why the button is disabled (shown next to it). */
  disabledReason?: string | null;
  title: string;
  summary: ReactNode;
  consequence?: ReactNode;
  confirmLabel?: string;
  /** The work; its string result is the receipt shown after. */
  action: () => Promise<string | null | void>;
  runningText: string;
  /** Progress the server reports while running (a bar), or null (a spinner). */
  progress?: { done: number; total: number } | null;
  /** Handle the error yourself (else it is shown under the button). */
  onError?: (e: unknown) => void;
}

/** A button that asks first, is disabled while it runs (with progress), then shows its receipt. */
export function GuardedButton(p: GuardedProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const a = useAction(p.action, (r) => r || null);
  const { onError } = p;
  useEffect(() => {
    if (a.error && onError) onError(a.error);
  }, [a.error, onError]);
  const off = !!p.disabled;
  return (
    <span className="guarded">
      <button
        type="button"
        className={p.className ?? 'button'}
        disabled={off}
        aria-disabled={a.running || undefined}
        aria-describedby={off && p.disabledReason ? id + 'r' : undefined}
        onClick={() => {
          if (a.running) return;
          a.reset();
          setOpen(true);
        }}
      >
        {p.label}
      </button>
      {off && p.disabledReason && (
        <span className="hint" id={id + 'r'}>
          {p.disabledReason}
        </span>
      )}
      <ConfirmDialog
        open={open}
        title={p.title}
        consequence={p.consequence}
        confirmLabel={p.confirmLabel ?? p.label}
        onConfirm={() => void a.run()}
        onClose={() => setOpen(false)}
      >
        {p.summary}
      </ConfirmDialog>
      {a.running && <Progress text={p.runningText} progress={p.progress ?? null} />}
      {!a.running && a.receipt && <Status text={a.receipt} />}
      {!onError && <ErrorMessage error={a.error} />}
    </span>
  );
}

/** "Sender 304 tilbud …" with a bar when the server reports how far it is, else a spinner. */
export function Progress({ text, progress }: { text: string; progress: { done: number; total: number } | null }) {
  const id = useId();
  return (
    <span className="guard-progress" role="status">
      {progress && progress.total > 0 ? (
        <>
          <label htmlFor={id}>{text}</label>
          <progress id={id} max={progress.total} value={progress.done}>
            {Math.round((100 * progress.done) / progress.total)} %
          </progress>
        </>
      ) : (
        <>
          <span className="spinner" aria-hidden="true" />
          {text}
        </>
      )}
    </span>
  );
}

/** What a citizen sees after every submission: what was sent, what happens next and where to follow it. Its heading
 *  takes focus when it appears, so a screen reader reads it at once. `print`: a button that prints the receipt alone
 *  (the page around it is hidden in print, styles.css). */
export function Receipt({
  title,
  sent,
  next,
  follow,
  print,
}: {
  title: string;
  sent: [string, ReactNode][];
  next: ReactNode;
  follow: ReactNode;
  print?: string;
}) {
  const { t } = useT();
  const id = useId();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className={print ? 'notice receipt receipt-print' : 'notice receipt'} aria-labelledby={id}>
      <h3 id={id} ref={ref} tabIndex={-1}>
        {t('receipt.heading')}: {title}
      </h3>
      <h4>{t('receipt.sent')}</h4>
      <dl className="facts">
        {sent.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h4>{t('receipt.next')}</h4>
      <p>{next}</p>
      <h4>{t('receipt.follow')}</h4>
      <p>{follow}</p>
      {print && (
        <p className="no-print">
          <button type="button" className="button-secondary" onClick={() => window.print()}>
            {print}
          </button>
        </p>
      )}
    </section>
  );
}
