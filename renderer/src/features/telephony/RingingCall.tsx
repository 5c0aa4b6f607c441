import { useTranslation } from 'react-i18next';
import type { Call } from '../../../../shared/telephony/model';
import { handoffText } from '../../../../shared/telephony/user-to-user';
import { useUserText } from '../../i18n';
import { displayPhoneNumber } from '../../../../shared/store/phone';
import { partyLabel } from './telephony-model';
import { phoneActions } from './telephony-state';

/**
 * A ringing call that is not in the phone strip's slots: a call waiting while the agent talks
 * (Hold and answer), a second call ringing at once (Pick up …), or, with `handoffOnly`, the
 * warm-transfer handoff of the call ringing in the slots, to read before answering.
 */
export function RingingTrayCall({
  call,
  first,
  busy,
  handoffOnly = false,
}: {
  call: Call;
  first: boolean;
  busy: boolean;
  handoffOnly?: boolean;
}) {
  const { t } = useTranslation('telephony');
  const show = useUserText();
  const name = partyLabel(call);
  const handoff = call.handoff ? (
    // Another agent's case context from the INVITE (User-to-User): network text, shown as text.
    <div className="phone-handoff" role="note" aria-label={t('ringing.handoff')}>
      <strong className="phone-handoff-title">{show(handoffText(call.handoff, name))}</strong>
      {call.handoff.summary && <p className="phone-handoff-summary">{call.handoff.summary}</p>}
    </div>
  ) : null;
  if (handoffOnly) return handoff;
  const answerName = call.waiting ? t('ringing.holdAndAnswer') : first ? t('ringing.answer') : t('ringing.pickUp', { name });
  return (
    <div
      className={`phone-ringing${call.waiting ? ' phone-ringing-waiting' : ''}`}
      role="group"
      aria-label={call.waiting ? t('ringing.waitingGroup') : t('ringing.incomingGroup')}
    >
      <div className="phone-caller">
        <span className="phone-caller-label">{call.waiting ? t('ringing.waitingFrom') : t('ringing.incomingFrom')}</span>{' '}
        {/* Network-supplied text, rendered as text: markup in a display name stays visible characters. */}
        <strong className="phone-caller-name">{call.remote.displayName ?? displayPhoneNumber(call.remote.number)}</strong>
        {call.remote.displayName && <span className="phone-caller-number"> {displayPhoneNumber(call.remote.number)}</span>}
      </div>
      {handoff}
      <button type="button" className="phone-answer" onClick={() => void phoneActions.answer(call.id)} disabled={busy}>
        {answerName}
      </button>
      <button type="button" className="phone-decline" onClick={() => void phoneActions.reject(call.id)} disabled={busy}>
        {first ? t('ringing.decline') : t('ringing.declineName', { name })}
      </button>
    </div>
  );
}
