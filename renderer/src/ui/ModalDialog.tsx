import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import './controls.css';
import './modal-dialog.css';

/**
 * A modal dialog named by its heading, with a Close button beside it, open for as long as it is
 * mounted (react-aria-components: focus is kept inside, the rest of the window is inert, Escape
 * and Close call `onClose`, and focus goes back to the control that opened it when it unmounts).
 *
 * The latest `onClose` is used, so a parent that re-renders often (the phone bar every second
 * during a call, the sync strip on every status event) and passes a new function each time does
 * not close and reopen the dialog under the agent's fingers. A click outside does not close it:
 * a half-filled form would be lost.
 */
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
  const { t } = useTranslation('common');
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);
  return (
    <ModalOverlay
      isOpen
      isDismissable={false}
      onOpenChange={(open) => {
        if (!open) onCloseRef.current();
      }}
      className="modal-overlay"
    >
      <Modal className={className ? `modal ${className}` : 'modal'}>
        <Dialog className="modal-dialog-content">
          {({ close }) => (
            <>
              <header className="modal-header">
                <Heading slot="title" className="modal-title">
                  {title}
                </Heading>
                <Button className="modal-close" onPress={close}>
                  {t('close')}
                </Button>
              </header>
              <div className="modal-body">{children}</div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
