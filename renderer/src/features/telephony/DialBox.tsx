import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPhoneNumber } from '../../../../shared/store/phone';
import { parseDialTarget } from '../../../../shared/telephony/dial-target';
import type { UserText } from '../../../../shared/text/user-text';
import { useUserText } from '../../i18n';
import { Tooltip } from '../../ui/Tooltip';
import { dismissRefusal, placeCall, useDial } from './dial-state';
import { DoNotCallOverrideDialog } from './DoNotCallOverrideDialog';
import { Icon } from './icons';
import { useTelephony } from './telephony-state';

/**
 * The dial box: always in its cell, so the strip keeps its shape; Call is unavailable (with the
 * reason) while the phone is not registered or a call is in progress. A do-not-call refusal
 * shows under the strip, with the supervisor's approval when policy allows it.
 */
export function DialBox({ enabled, inCall }: { enabled: boolean; inCall: boolean }) {
  const { t } = useTranslation('telephony');
  const defaultRegion = useTelephony((s) => s.defaultRegion);
  const dialing = useTelephony((s) => Boolean(s.pending.dial));
  const [target, setTarget] = useState('');
  const show = useUserText();
  const [problem, setProblem] = useState<UserText | null>(null);
  const refusal = useDial((s) => s.refusal);
  const lastDialled = useDial((s) => s.lastDialled);
  const [approving, setApproving] = useState(false);
  const parsed = target.trim() === '' ? null : parseDialTarget(target, defaultRegion);
  const hint = parsed?.ok
    ? parsed.target.kind === 'e164'
      ? t('dial.callsNumber', { number: displayPhoneNumber(parsed.target.user) })
      : parsed.target.kind === 'extension'
        ? t('dial.extension', { number: parsed.target.user })
        : t('dial.callsAddress', { address: `${parsed.target.user}@${parsed.target.host}` })
    : null;
  const unavailable = !enabled ? t('dial.notRegistered') : inCall ? t('dial.inCall') : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (unavailable !== null || dialing) return;
    const check = parseDialTarget(target, defaultRegion);
    if (!check.ok) {
      setProblem(check.error);
      return;
    }
    setProblem(null);
    void placeCall(target.trim()).then((outcome) => {
      if (outcome === 'placed') setTarget('');
    });
  };

  return (
    <div className="phone-slot-dial">
      <form className="phone-dial" onSubmit={submit} noValidate>
        <label className="phone-visually-hidden" htmlFor="phone-dial-input">
          {t('dial.label')}
        </label>
        <input
          id="phone-dial-input"
          type="text"
          inputMode="tel"
          autoComplete="off"
          placeholder={t('dial.placeholder')}
          value={target}
          onChange={(e) => {
            setTarget(e.target.value);
            setProblem(null);
          }}
          aria-describedby="phone-dial-hint"
          aria-invalid={problem !== null}
        />
        <Tooltip text={unavailable ?? t('dial.callHint')}>
          <button
            type="submit"
            className="strip-button phone-dial-call"
            aria-disabled={unavailable !== null || dialing || target.trim() === '' ? true : undefined}
          >
            <Icon name="answer" />
            <span className="strip-button-label">{t('dial.call')}</span>
          </button>
        </Tooltip>
        {lastDialled !== null && (
          <Tooltip text={unavailable ?? t('dial.redialHint', { number: lastDialled })}>
            <button
              type="button"
              className="strip-button"
              onClick={() => {
                if (unavailable === null && !dialing) void placeCall(lastDialled);
              }}
              aria-disabled={unavailable !== null || dialing ? true : undefined}
              aria-label={t('dial.redialName', { number: lastDialled })}
            >
              {t('dial.redial')}
            </button>
          </Tooltip>
        )}
        <span
          id="phone-dial-hint"
          className={problem ? 'phone-problem phone-dial-hint' : 'phone-muted phone-dial-hint'}
          role={problem ? 'alert' : undefined}
        >
          {problem ? show(problem) : (hint ?? '')}
        </span>
      </form>
      {refusal && (
        <div role="alert" className="phone-problem phone-refusal">
          <span>{refusal.message}</span>
          {refusal.overridable && (
            <button type="button" onClick={() => setApproving(true)} aria-haspopup="dialog">
              {t('dial.withApproval')}
            </button>
          )}
          <button type="button" onClick={dismissRefusal} aria-label={t('dial.dismissRefusal')}>
            {t('dial.ok')}
          </button>
        </div>
      )}
      {approving && refusal && <DoNotCallOverrideDialog refusal={refusal} onClose={() => setApproving(false)} />}
    </div>
  );
}
