import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

/**
 * Opens a native modal <dialog> for as long as the component is mounted: the browser keeps focus
 * inside it and Escape closes it; `onClose` runs when it closes, and focus goes back to the control
 * that opened it. The latest `onClose` is used, so a parent that re-renders often (the phone bar
 * every second during a call, the sync strip on every status event) and passes a new function
 * each time does not close and reopen the dialog under the agent's fingers.
 */
export function useModalDialog(onClose: () => void): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const closed = () => onCloseRef.current();
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);
  return ref;
}

/** A modal dialog named by its heading, with a Close button beside it. */
export function ModalDialog({
  title,
  onClose,
  className,
  children,
}: {
  title: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}) {
  const ref = useModalDialog(onClose);
  const titleId = useId();
  return (
    <dialog ref={ref} className={className ? `modal-dialog ${className}` : 'modal-dialog'} aria-labelledby={titleId}>
      <header className="modal-dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </header>
      {children}
    </dialog>
  );
}
