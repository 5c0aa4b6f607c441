import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkOverrideInput, MAX_OVERRIDE_REASON, MAX_SUPERVISOR_NAME, MIN_OVERRIDE_REASON } from '../../../../shared/agent/do-not-call';
import { issueTextsOf } from '../../../../shared/bridge/validate';
import type { FieldError } from '../../../../shared/core/result';
import { useUserText } from '../../i18n';
import { ModalDialog } from '../../ui/ModalDialog';
import { placeCall, useDial, type DialRefusal } from './dial-state';

/**
 * The supervisor's approval to call a number on the do-not-call list, offered only when policy
 * allows it (`doNotCallOverride`). The form checks what main checks again (shared/agent/do-not-call.ts);
 * the call is placed only once main has accepted the approval, which it keeps with the call's record.
 */
export function DoNotCallOverrideDialog({ refusal, onClose }: { refusal: DialRefusal; onClose: () => void }) {
  const { t } = useTranslation('telephony');
  const show = useUserText();
  const [supervisor, setSupervisor] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const supervisorId = useId();
  const reasonId = useId();
  // The check main applies too (shared/agent/do-not-call.ts): each problem carries its message as a key, said in the agent's language.
  const errorOf = (field: string): string | null => {
    const said = issueTextsOf(errors).find((e) => e.path === field);
    return said ? show(said.text) : (errors.find((e) => e.field === field)?.message ?? null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkOverrideInput({ supervisor, reason }, Date.now());
    if (!checked.ok) {
      setErrors(checked.errors);
      setProblem(null);
      return;
    }
    setErrors([]);
    setBusy(true);
    void placeCall(refusal.target, { supervisor, reason }).then((outcome) => {
      setBusy(false);
      if (outcome === 'placed') onClose();
      // Main refused the approval itself (policy changed, a rule it applies): its sentence, in the dialog.
      else if (outcome === 'refused') setProblem(useDial.getState().refusal?.message ?? null);
      else setProblem(t('override.failed'));
    });
  };

  const supervisorError = errorOf('supervisor');
  const reasonError = errorOf('reason');
  return (
    <ModalDialog title={t('override.title')} onClose={onClose} className="phone-dialog">
      <form onSubmit={submit} noValidate className="phone-override">
        <p>{refusal.message}</p>
        <p className="phone-muted">{t('override.explain')}</p>
        <label htmlFor={supervisorId}>{t('override.supervisor')}</label>
        <input
          id={supervisorId}
          type="text"
          autoComplete="off"
          maxLength={MAX_SUPERVISOR_NAME}
          value={supervisor}
          onChange={(e) => setSupervisor(e.target.value)}
          aria-invalid={supervisorError !== null}
          aria-describedby={supervisorError ? `${supervisorId}-error` : undefined}
        />
        {supervisorError && (
          <span id={`${supervisorId}-error`} role="alert" className="phone-problem">
            {supervisorError}
          </span>
        )}
        <label htmlFor={reasonId}>{t('override.reason', { count: MIN_OVERRIDE_REASON })}</label>
        <textarea
          id={reasonId}
          rows={3}
          maxLength={MAX_OVERRIDE_REASON}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonError !== null}
          aria-describedby={reasonError ? `${reasonId}-error` : undefined}
        />
        {reasonError && (
          <span id={`${reasonId}-error`} role="alert" className="phone-problem">
            {reasonError}
          </span>
        )}
        {problem && (
          <p role="alert" className="phone-problem">
            {problem}
          </p>
        )}
        <div className="phone-override-actions">
          <button type="submit" disabled={busy}>
            {t('override.place')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
