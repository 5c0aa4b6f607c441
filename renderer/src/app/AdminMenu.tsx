import { useRef, useState, type Key } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { DiagnosticsDialog } from '../features/diagnostics';
import { openPreShiftCheck, PreShiftDialog } from '../features/pre-shift';
import { SettingsDialog } from '../features/settings';
import { ImportDataDialog, KeyProtectionWarning } from '../features/store';
import { useConnection } from '../state/connection';
import { ModalDialog } from '../ui/ModalDialog';
import { useBridge } from './BridgeContext';
import './admin-menu.css';

type Tool = 'import' | 'checkSetup' | 'settings' | 'diagnostics' | 'about';
/** The dialogs this menu opens itself; "Check my setup" lives in the pre-shift store (the start-of-shift offer opens it too). */
type OwnDialog = Exclude<Tool, 'checkSetup'>;

const TOOLS: readonly Tool[] = ['import', 'checkSetup', 'settings', 'diagnostics', 'about'];
const isTool = (key: Key): key is Tool => (TOOLS as readonly Key[]).includes(key);

/**
 * "Tools": the actions an agent needs rarely and IT often (import, the setup check, settings,
 * diagnostics, about) behind one menu button in the phone strip, so they never take the call
 * controls' place. Beside it, only when it applies, the warning that the local database key is
 * not protected by a keyring.
 */
export function AdminMenu() {
  const { t } = useTranslation('common');
  const client = useBridge();
  const [open, setOpen] = useState<OwnDialog | null>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);

  const choose = (key: Key) => {
    if (!isTool(key)) return;
    if (key === 'checkSetup') openPreShiftCheck(client);
    else setOpen(key);
  };
  const close = () => setOpen(null);

  const labels: Record<Tool, string> = {
    import: t('tools.importData'),
    checkSetup: t('tools.checkSetup'),
    settings: t('tools.settings'),
    diagnostics: t('tools.exportDiagnostics'),
    about: t('tools.about'),
  };

  return (
    <div className="admin-menu">
      <MenuTrigger>
        <Button ref={triggerRef} className="admin-menu-button">
          <ToolsIcon />
          <span>{t('tools.menu')}</span>
          <span aria-hidden="true" className="admin-menu-chevron">
            ▾
          </span>
        </Button>
        <Popover className="admin-menu-popover" placement="bottom end">
          <Menu className="admin-menu-list" onAction={choose}>
            {TOOLS.map((tool) => (
              <MenuItem key={tool} id={tool} className="admin-menu-item">
                {labels[tool]}
              </MenuItem>
            ))}
          </Menu>
        </Popover>
      </MenuTrigger>
      <KeyProtectionWarning />
      {open === 'import' ? <ImportDataDialog onClose={close} /> : null}
      {open === 'settings' ? <SettingsDialog onClose={close} /> : null}
      {open === 'diagnostics' ? <DiagnosticsDialog onClose={close} /> : null}
      {open === 'about' ? <AboutDialog onClose={close} /> : null}
      <PreShiftDialog />
    </div>
  );
}

/** "About Switchboard": the product and the version this window is connected to. */
function AboutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('common');
  const info = useConnection((s) => s.info);
  return (
    <ModalDialog title={t('about.title')} onClose={onClose} className="about-dialog">
      <p className="about-product">{t('about.product')}</p>
      <p>{t('about.tagline')}</p>
      <dl className="about-facts">
        <dt>{t('about.version')}</dt>
        <dd>{info ? info.version : t('about.unknown')}</dd>
        {info ? (
          <>
            <dt>{t('about.runningIn')}</dt>
            <dd>{info.host === 'electron' ? t('about.host.electron') : t('about.host.web')}</dd>
            <dt>{t('about.platform')}</dt>
            <dd>{info.platform}</dd>
          </>
        ) : null}
      </dl>
    </ModalDialog>
  );
}

/** A wrench: the conventional mark for tools and settings. */
function ToolsIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" className="admin-menu-icon">
      <path
        fill="currentColor"
        d="M10.9 1.1a4 4 0 0 0-4.6 5.3L1.6 11.1a1.8 1.8 0 0 0 2.5 2.5l4.7-4.7a4 4 0 0 0 5.3-4.6l-2.3 2.3-2.1-.5-.5-2.1 2.3-2.3-.6-.6Z"
      />
    </svg>
  );
}
