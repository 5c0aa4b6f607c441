import { useEffect, useRef, useState } from 'react';
import {
  Button,
  I18nProvider,
  Text,
  UNSTABLE_Toast as Toast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastQueue as ToastQueue,
  UNSTABLE_ToastRegion as ToastRegion,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../shared/bridge/events';
import { useLocale, useUserText } from '../i18n';
import { useConnection } from '../state/connection';
import './notices.css';

/**
 * How long an information notice stays when the agent does nothing. Hovering or focusing the
 * notices pauses it. Warnings and errors have no timeout: they stay until dismissed, so an agent
 * back from a call cannot miss one.
 */
const INFO_TIMEOUT_MS = 10_000;

/**
 * A notice is shown again when main sends the same id with other words (the store's start-up
 * notice does). The words are the translated message: a language change shows the notices again,
 * in the new language.
 */
const identity = (n: Notice, words: string): string => `${n.id}\n${n.level}\n${words}`;

/**
 * Messages from main the agent should read, as toasts in the block-end inline-end corner, over the
 * window: they never push the layout around. react-aria's toast region is a landmark (F6 reaches
 * it), each toast is announced by screen readers as it arrives, and each has a Dismiss button.
 * Main's list (useConnection().notices) stays the truth; the toast queue follows it.
 */
export function Notices() {
  const { t } = useTranslation('app');
  const show = useUserText();
  const locale = useLocale();
  const { notices, dismissNotice } = useConnection();
  const [queue] = useState(() => new ToastQueue<Notice>({ maxVisibleToasts: 5 }));
  /** identity → toast key, for the notices in the queue. */
  const shown = useRef(new Map<string, string>());

  useEffect(() => {
    const wanted = new Map(notices.map((n) => [identity(n, show(n.message)), n]));
    for (const [id, key] of shown.current) {
      if (wanted.has(id)) continue;
      // Forgotten before closing: gone from main's list already, so onClose must not dismiss it again.
      shown.current.delete(id);
      queue.close(key);
    }
    for (const [id, notice] of wanted) {
      if (shown.current.has(id)) continue;
      const key = queue.add(notice, {
        timeout: notice.level === 'info' ? INFO_TIMEOUT_MS : undefined,
        // Dismissed by the agent, or an information notice that timed out: main marks it read.
        onClose: () => {
          if (shown.current.delete(id)) dismissNotice(notice.id);
        },
      });
      shown.current.set(id, key);
    }
    // `show` is new on each render; the identities only change with the notices or the language.
  }, [notices, queue, dismissNotice, show]);

  return (
    <I18nProvider locale={locale}>
      <ToastRegion queue={queue} className="notice-toasts" aria-label={t('notices.region')}>
        {({ toast }) => (
          <Toast toast={toast} className={`notice-toast notice-toast-${toast.content.level}`}>
            <NoticeIcon level={toast.content.level} />
            <ToastContent className="notice-content">
              <Text slot="title" className="notice-level">
                {t(LEVEL_KEY[toast.content.level])}
              </Text>
              <Text slot="description" className="notice-message">
                {show(toast.content.message)}
              </Text>
            </ToastContent>
            <Button
              slot="close"
              className="notice-dismiss"
              aria-label={t('notices.dismissLabel', { message: show(toast.content.message) })}
            >
              {t('notices.dismiss')}
            </Button>
          </Toast>
        )}
      </ToastRegion>
    </I18nProvider>
  );
}

const LEVEL_KEY = {
  info: 'notices.level.info',
  warning: 'notices.level.warning',
  error: 'notices.level.error',
} as const satisfies Record<Notice['level'], string>;

/** The level as a shape beside its word: a circled "i", a triangle, a circled cross. */
function NoticeIcon({ level }: { level: Notice['level'] }) {
  return (
    <svg className="notice-icon" viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
      {level === 'warning' ? (
        <>
          <path d="M8 1.5 15 14H1Z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
          <path d="M8 6v4M8 11.5v1.2" stroke="currentColor" strokeWidth="1.6" />
        </>
      ) : (
        <>
          <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
          {level === 'error' ? (
            <path d="m5.3 5.3 5.4 5.4m0-5.4-5.4 5.4" stroke="currentColor" strokeWidth="1.6" />
          ) : (
            <path d="M8 7v5M8 4v1.4" stroke="currentColor" strokeWidth="1.6" />
          )}
        </>
      )}
    </svg>
  );
}
