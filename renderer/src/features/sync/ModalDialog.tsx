import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A native modal <dialog>: the browser traps focus inside it, Escape closes
 * it, and focus returns to the control that opened it.
 */
export function ModalDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  // The latest onClose, so a parent that passes a new function on each render (the strip re-renders
  // with every status event) does not close and reopen the dialog under the agent's fingers.
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
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
  const titleId = `dialog-title-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={ref} className="sync-dialog" aria-labelledby={titleId}>
      <header className="sync-dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </header>
      {children}
    </dialog>
  );
}
