import { useState, type FormEvent } from 'react';
import type { CrmPages, PopMatch, ScreenPop, TimelineEntry } from '../../../../shared/agent/contract';
import { formatDuration } from '../../../../shared/time/duration';
import { agentClient, applyView, filedMatch, messageOf, useAgent } from './agent-state';
import { CrmPageLink } from './CrmPageLink';
import { FindCustomer } from './FindCustomer';

const DIRECTION_LABEL = { inbound: 'Inbound', outbound: 'Outbound' } as const;
const CHANNEL_LABEL = { call: 'call', email: 'email', chat: 'chat', 'walk-in': 'walk-in' } as const;

function when(ms: number): string {
  return new Date(ms).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function Caller({ pop }: { pop: ScreenPop }) {
  const stateText =
    pop.state === 'ringing'
      ? pop.direction === 'inbound'
        ? 'Ringing'
        : 'Dialling'
      : pop.state === 'connected'
        ? 'On call'
        : pop.state === 'ended'
          ? 'Call ended'
          : 'Declined';
  return (
    <p className="customer-caller">
      <span className="customer-caller-state">{stateText}:</span>{' '}
      {pop.displayName ? <span className="customer-caller-name">{pop.displayName}</span> : null}{' '}
      <span className="customer-caller-number">{pop.lookup?.normalized ?? pop.number}</span>
    </p>
  );
}

function CreateCustomer() {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') {
      setError("Enter the customer's name.");
      return;
    }
    setBusy(true);
    agentClient()
      .invoke('agent.createCustomer', { name })
      .then((v) => {
        applyView(v);
        setError(null);
      })
      .catch((err: unknown) => setError(messageOf(err)))
      .finally(() => setBusy(false));
  };
  return (
    <form className="customer-create" aria-label="Create customer" onSubmit={submit} noValidate>
      <p>No customer has this number.</p>
      <label>
        Customer name <input type="text" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={error ? true : undefined} />
      </label>
      <button type="submit" disabled={busy}>
        Create customer
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
}

function pick(customerId: string, caseId: string | null, setError: (e: string | null) => void): void {
  agentClient()
    .invoke('agent.pickCustomer', { customerId, caseId })
    .then((v) => {
      applyView(v);
      setError(null);
    })
    .catch((err: unknown) => setError(messageOf(err)));
}

function CustomerCard({
  match,
  pop,
  pages,
  setError,
}: {
  match: PopMatch;
  pop: ScreenPop;
  pages: CrmPages | null;
  setError: (e: string | null) => void;
}) {
  const c = match.customer;
  return (
    <div className="customer-card" data-customer-id={c.id} data-pop-received-at={pop.receivedAt}>
      <h3 className="customer-name">{c.name}</h3>
      <CrmPageLink pages={pages} recordId={c.id} />
      <p className="customer-facts">
        {c.company ? <span>{c.company} · </span> : null}
        {c.segment ? <span>{c.segment} · </span> : null}
        {c.doNotCall ? <strong>Do not call · </strong> : null}
        <span aria-label="Numbers">{c.phones.map((p) => (p.label ? `${p.number} (${p.label})` : p.number)).join(', ')}</span>
      </p>
      {match.openCases.length === 0 ? (
        <p>No open cases.</p>
      ) : (
        <fieldset className="customer-cases">
          <legend>Open cases</legend>
          <ul aria-label="Open cases">
            {match.openCases.map((k) => (
              <li key={k.id}>
                <label>
                  <input type="radio" name="contact-case" checked={pop.caseId === k.id} onChange={() => pick(c.id, k.id, setError)} />{' '}
                  <span className={`case-priority case-${k.priority.toLowerCase()}`}>{k.priority}</span> {k.subject}{' '}
                  <span className="case-meta">
                    ({k.status}, {k.id})
                  </span>
                </label>{' '}
                <CrmPageLink pages={pages} recordId={k.id} />
              </li>
            ))}
            <li>
              <label>
                <input type="radio" name="contact-case" checked={pop.caseId === null} onChange={() => pick(c.id, null, setError)} /> No case
              </label>
            </li>
          </ul>
        </fieldset>
      )}
    </div>
  );
}

/** The customer's earlier contacts, as main sends them with the view (read again when their work changes). */
export function Timeline({ customerId }: { customerId: string }) {
  const timeline = useAgent((s) => s.view?.timeline ?? null);
  const entries: TimelineEntry[] | null = timeline?.customerId === customerId ? timeline.entries : null;
  return (
    <section className="customer-timeline" aria-label="Timeline">
      <h4>Earlier contacts</h4>
      {entries === null ? (
        <p>Loading…</p>
      ) : entries.length === 0 ? (
        <p>No earlier contacts.</p>
      ) : (
        <ol>
          {entries.map((e) => (
            <li key={e.interaction.id}>
              {when(e.interaction.startedAt)} · {DIRECTION_LABEL[e.interaction.direction]} {CHANNEL_LABEL[e.interaction.channel]} ·{' '}
              {e.interaction.outcome}
              {e.interaction.talkSeconds > 0 ? ` · ${formatDuration(e.interaction.talkSeconds * 1000)}` : ''}
              {e.interaction.caseId ? ` · case ${e.interaction.caseId}` : ''}
              {e.wrapUpLabel ? ` · ${e.wrapUpLabel}` : ''}
              {e.notes ? <span className="timeline-notes"> — {e.notes}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Slot `customer-pane`: the screen pop. Everything from the caller or the CRM is rendered as text. */
export function CustomerPane() {
  // Only what it shows: the rest of the agent's view changes without rendering the pane (applyView keeps unchanged parts).
  const pop = useAgent((s) => s.view?.contact ?? null);
  const pages = useAgent((s) => s.view?.crmPages ?? null);
  const [error, setError] = useState<string | null>(null);
  let body;
  if (!pop || pop.state === 'declined') {
    body = <p>No caller on screen.</p>;
  } else if (pop.lookup === null) {
    body = <p role="status">Looking up the caller…</p>;
  } else {
    const selected = filedMatch(pop);
    if (selected) {
      body = <CustomerCard match={selected} pop={pop} pages={pages} setError={setError} />;
    } else if (pop.lookup.matches.length === 0) {
      body = <CreateCustomer key={pop.callId} />;
    } else {
      body = (
        <div className="customer-choose">
          <p>
            {pop.lookup.matches.length}
            {pop.lookup.truncated ? '+' : ''} customers have this number. Pick one:
          </p>
          <ul aria-label="Matching customers">
            {pop.lookup.matches.map((m) => (
              <li key={m.customer.id}>
                <button
                  type="button"
                  onClick={() => pick(m.customer.id, m.openCases.length === 1 ? (m.openCases[0]?.id ?? null) : null, setError)}
                >
                  {m.customer.name}
                </button>{' '}
                <span>
                  {m.customer.company ?? ''} {m.openCases.length} open case{m.openCases.length === 1 ? '' : 's'}
                </span>
              </li>
            ))}
          </ul>
        </div>
      );
    }
  }
  return (
    <section className="customer-pane" aria-label="Customer">
      <h2>Customer</h2>
      {pop && pop.state !== 'declined' ? <Caller pop={pop} /> : null}
      {body}
      {pop && pop.state !== 'declined' && pop.lookup !== null ? (
        <FindCustomer
          key={`find-${pop.callId}`}
          number={pop.lookup.normalized}
          initiallyOpen={!pop.customerId && pop.lookup.matches.length === 0}
        />
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
      {pop?.customerId ? <Timeline customerId={pop.customerId} /> : null}
    </section>
  );
}
