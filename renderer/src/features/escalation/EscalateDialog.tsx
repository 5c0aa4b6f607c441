import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cardNumberProblem } from '../../../../shared/agent/card-number';
import { BridgeError } from '../../../../shared/bridge/errors';
import type { Priority } from '../../../../shared/config/workflow';
import type { EscalationOptions } from '../../../../shared/escalation/contract';
import { userText } from '../../../../shared/text/user-text';
import { displayPhoneNumber } from '../../../../shared/store/phone';
import { fieldIssuesOf } from '../../bridge/field-issues';
import { useCurrentContact } from '../../state/current-contact';
import { StatusIcon } from '../../ui/StatusBadge';
import { i18n, translateUserText } from '../../i18n';
import { ModalDialog } from '../../ui/ModalDialog';
import { escalationClient, messageOf, useEscalations } from './escalation-state';

/** A policy time ("15 min", "4 h", "1 d") in the window's language. */
const minutes = (m: number): string =>
  m % 1440 === 0
    ? i18n.t('escalation:units.days', { count: m / 1440 })
    : m % 60 === 0
      ? i18n.t('escalation:units.hours', { count: m / 60 })
      : i18n.t('escalation:units.minutes', { minutes: m });

/** Form fields in order; `field` is the path main names in its refusal. */
const FIELD_IDS: Record<string, string> = {
  caseId: 'esc-case',
  priority: 'esc-priority',
  tier: 'esc-tier',
  group: 'esc-group',
  summary: 'esc-summary',
  'handoff.customerExpectation': 'esc-expectation',
  'handoff.troubleshootingDone': 'esc-troubleshooting',
  'handoff.recommendedNextSteps': 'esc-next-steps',
  warmTransferCallId: 'esc-transfer',
};
const FIELD_ORDER = Object.keys(FIELD_IDS);

/** Main's refusal, field → what is wrong there, in the agent's language. */
function fieldErrors(error: BridgeError): Map<string, string> {
  return new Map(fieldIssuesOf(error).map((i) => [i.path, i.message]));
}

/**
 * The "Escalate" dialog: a complete handoff to Tier 2 for the contact on screen. Main checks it
 * and refuses missing fields with one sentence naming them; the form marks each field and puts
 * focus on the first.
 */
export function EscalateDialog({ options, onClose }: { options: EscalationOptions; onClose: () => void }) {
  const { t } = useTranslation('escalation');
  const contact = useCurrentContact((s) => s.contact);
  const [caseId, setCaseId] = useState(contact?.caseId ?? '');
  const [priority, setPriority] = useState<Priority>('P2');
  const [tier, setTier] = useState(options.tiers[0]?.id ?? '');
  const groups = useMemo(
    () => (options.tiers.find((t) => t.id === tier)?.groups ?? []).filter((g) => g.priorities.includes(priority)),
    [options, tier, priority],
  );
  const [group, setGroup] = useState('');
  const [summary, setSummary] = useState('');
  const [expectation, setExpectation] = useState('');
  const [troubleshooting, setTroubleshooting] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const [transfer, setTransfer] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const formRef = useRef<HTMLFormElement>(null);

  const groupId = groups.some((g) => g.id === group) ? group : (groups[0]?.id ?? '');
  const chosenGroup = groups.find((g) => g.id === groupId);
  const liveCall = contact?.callId ?? null;
  const canTransfer = liveCall !== null && (contact?.interactionId ?? null) !== null && chosenGroup?.canTransfer === true;
  const priorityInfo = options.priorities.find((p) => p.id === priority);

  const focusFirst = (byField: Map<string, string>) => {
    const first = FIELD_ORDER.find((f) => byField.has(f));
    if (first) formRef.current?.querySelector<HTMLElement>(`#${FIELD_IDS[first]}`)?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Checked here so the agent sees it at once with everything typed kept; main refuses it again.
    const typed: [string, string][] = [
      ['summary', summary],
      ['handoff.customerExpectation', expectation],
      ['handoff.troubleshootingDone', troubleshooting],
      ['handoff.recommendedNextSteps', nextSteps],
    ];
    const cards = new Map<string, string>();
    for (const [field, text] of typed) {
      const problem = cardNumberProblem(text);
      if (problem) cards.set(field, problem);
    }
    if (cards.size > 0) {
      setErrors(cards);
      setMessage([...cards.values()][0] ?? null);
      focusFirst(cards);
      return;
    }
    setBusy(true);
    const fromCall = (contact?.interactionId ?? null) !== null;
    escalationClient()
      .invoke('escalation.create', {
        source: fromCall ? 'call' : 'case',
        interactionId: contact?.interactionId ?? null,
        caseId: caseId.trim() === '' ? null : caseId.trim(),
        customerId: contact?.customerId ?? null,
        tier,
        group: groupId,
        priority,
        summary,
        handoff: { customerExpectation: expectation, troubleshootingDone: troubleshooting, recommendedNextSteps: nextSteps },
        warmTransferCallId: transfer && canTransfer ? liveCall : null,
      })
      .then((result) => {
        useEscalations.setState({ error: null });
        if (result.transfer.message)
          useEscalations.setState({ error: result.transfer.state === 'unavailable' ? translateUserText(result.transfer.message) : null });
        onClose();
      })
      .catch((error: unknown) => {
        setBusy(false);
        const byField = error instanceof BridgeError ? fieldErrors(error) : new Map<string, string>();
        setErrors(byField);
        setMessage(messageOf(error));
        focusFirst(byField);
      });
  };

  const describedBy = (field: string) => (errors.has(field) ? 'esc-error' : undefined);
  const invalid = (field: string) => (errors.has(field) ? true : undefined);

  return (
    <ModalDialog title={t('dialog.title')} onClose={onClose} className="escalate-dialog">
      <form ref={formRef} onSubmit={submit} className="escalate-form" noValidate>
        {contact?.customerName ? (
          <p className="escalate-for">
            {contact.number
              ? t('dialog.forWithNumber', { name: contact.customerName, number: displayPhoneNumber(contact.number) })
              : t('dialog.for', { name: contact.customerName })}
          </p>
        ) : null}
        {message ? (
          <p id="esc-error" role="alert" className="escalate-error">
            <StatusIcon icon="alert" /> {message}
          </p>
        ) : null}
        <label htmlFor="esc-case">{t('dialog.caseNumber')}</label>
        <input
          id="esc-case"
          value={caseId}
          onChange={(e) => setCaseId(e.target.value)}
          aria-invalid={invalid('caseId')}
          aria-describedby={describedBy('caseId')}
          autoComplete="off"
        />
        <label htmlFor="esc-priority">{t('dialog.priority')}</label>
        <select
          id="esc-priority"
          value={priority}
          onChange={(e) => setPriority(e.target.value as Priority)}
          aria-invalid={invalid('priority')}
        >
          {options.priorities.map((p) => (
            <option key={p.id} value={p.id}>
              {p.meaning
                ? t('dialog.priorityOptionWithMeaning', {
                    id: p.id,
                    meaning: p.meaning,
                    acknowledge: minutes(p.acknowledgeMinutes),
                    resolve: minutes(p.resolveMinutes),
                  })
                : t('dialog.priorityOption', { id: p.id, acknowledge: minutes(p.acknowledgeMinutes), resolve: minutes(p.resolveMinutes) })}
            </option>
          ))}
        </select>
        {priorityInfo && options.chainPriorities.includes(priority) ? (
          <p className="escalate-hint">
            {t('dialog.chainHint', {
              steps: options.chain
                // Translated by role: `label` is main's English, kept for its alerts and logs.
                .map((s) =>
                  t('dialog.chainStep', {
                    label: translateUserText(userText(`escalation.roles.${s.role}`)),
                    time: minutes(s.afterMinutes),
                  }),
                )
                .join(t('dialog.chainSeparator')),
            })}
          </p>
        ) : null}
        <label htmlFor="esc-tier">{t('dialog.tier')}</label>
        <select id="esc-tier" value={tier} onChange={(e) => setTier(e.target.value)} aria-invalid={invalid('tier')}>
          {options.tiers.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <label htmlFor="esc-group">{t('dialog.group')}</label>
        <select
          id="esc-group"
          value={groupId}
          onChange={(e) => setGroup(e.target.value)}
          aria-invalid={invalid('group')}
          aria-describedby={describedBy('group')}
        >
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <label htmlFor="esc-summary">{t('dialog.summary')}</label>
        <input
          id="esc-summary"
          value={summary}
          maxLength={200}
          onChange={(e) => setSummary(e.target.value)}
          aria-invalid={invalid('summary')}
          autoComplete="off"
        />
        <label htmlFor="esc-expectation">{t('dialog.expectation')}</label>
        <textarea
          id="esc-expectation"
          value={expectation}
          onChange={(e) => setExpectation(e.target.value)}
          rows={2}
          aria-required="true"
          aria-invalid={invalid('handoff.customerExpectation')}
          aria-describedby={describedBy('handoff.customerExpectation')}
        />
        <label htmlFor="esc-troubleshooting">{t('dialog.troubleshooting')}</label>
        <textarea
          id="esc-troubleshooting"
          value={troubleshooting}
          onChange={(e) => setTroubleshooting(e.target.value)}
          rows={3}
          aria-required="true"
          aria-invalid={invalid('handoff.troubleshootingDone')}
          aria-describedby={describedBy('handoff.troubleshootingDone')}
        />
        <label htmlFor="esc-next-steps">{t('dialog.nextSteps')}</label>
        <textarea
          id="esc-next-steps"
          value={nextSteps}
          onChange={(e) => setNextSteps(e.target.value)}
          rows={2}
          aria-required="true"
          aria-invalid={invalid('handoff.recommendedNextSteps')}
          aria-describedby={describedBy('handoff.recommendedNextSteps')}
        />
        <div className="escalate-transfer">
          <input
            id="esc-transfer"
            type="checkbox"
            checked={transfer && canTransfer}
            disabled={!canTransfer}
            onChange={(e) => setTransfer(e.target.checked)}
            aria-describedby="esc-transfer-hint"
          />
          <label htmlFor="esc-transfer">{t('dialog.transfer')}</label>
          <p id="esc-transfer-hint" className="escalate-hint">
            {canTransfer
              ? t('dialog.transferHint', { group: chosenGroup?.name ?? t('dialog.theGroup') })
              : liveCall === null
                ? t('dialog.noLiveCall')
                : t('dialog.noNumber', { group: chosenGroup?.name ?? t('dialog.thisGroup') })}
          </p>
        </div>
        <div className="escalate-buttons">
          <button type="submit" disabled={busy}>
            {t('dialog.submit')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
