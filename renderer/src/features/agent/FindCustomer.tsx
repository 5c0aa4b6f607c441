import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchResult } from '../../../../shared/store/contract';
import { displayPhoneNumber } from '../../../../shared/store/phone';
import { agentClient, applyView, messageOf } from './agent-state';

/** One search per pause in typing, not one per letter. */
const TYPING_PAUSE_MS = 150;
const RESULTS = 8;

export interface ChosenCustomer {
  customerId: string;
  caseId: string | null;
  /** What the agent saw: the customer's name, with the case when one was picked. */
  label: string;
}

/**
 * A search box over the local store (name, email, company, phone or case number) and what it
 * found: customers and cases, each a button that chooses it. `between` goes between the box and
 * the results, so it is next in the keyboard order after the box.
 */
export function CustomerSearch({
  label,
  onChoose,
  busy = false,
  between = null,
}: {
  label: string;
  onChoose: (chosen: ChosenCustomer) => void;
  busy?: boolean;
  between?: ReactNode;
}) {
  const { t } = useTranslation('agent');
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    if (query.trim().length < 2) {
      setResult(null);
      return;
    }
    const timer = setTimeout(() => {
      agentClient()
        .invoke('store.search', { query, limit: RESULTS })
        .then((found) => {
          // An answer to an older query than the one in the box is dropped.
          if (ticket !== latest.current) return;
          setResult(found);
          setError(null);
        })
        .catch((err: unknown) => ticket === latest.current && setError(messageOf(err)));
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const nothing = result !== null && result.customers.length === 0 && result.cases.length === 0;
  return (
    <>
      <label>
        {label}{' '}
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          // Enter never submits a form this sits in (logging a contact): the results are chosen by their buttons.
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
          placeholder={t('find.placeholder')}
          autoComplete="off"
        />
      </label>
      {between}
      {nothing ? <p role="status">{t('find.nothing', { query: query.trim() })}</p> : null}
      {result && result.customers.length > 0 ? (
        <ul aria-label={t('find.customers')}>
          {result.customers.map((c) => (
            <li key={c.id}>
              <button type="button" disabled={busy} onClick={() => onChoose({ customerId: c.id, caseId: null, label: c.name })}>
                {c.name}
              </button>{' '}
              <span className="find-customer-facts">
                {[c.company, c.email, c.phones.map((p) => displayPhoneNumber(p)).join(', '), c.doNotCall ? t('find.doNotCall') : null]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {result && result.cases.length > 0 ? (
        <ul aria-label={t('find.cases')}>
          {result.cases.map((k) => (
            <li key={k.id}>
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  onChoose({
                    customerId: k.customerId,
                    caseId: k.id,
                    label: t('find.customerCase', { who: k.customerName ?? k.customerId, id: k.id }),
                  })
                }
              >
                {k.id}: {k.subject}
              </button>{' '}
              <span className="find-customer-facts">
                {k.customerName ?? k.customerId} · {k.priority} · {k.status}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {result?.truncated ? <p className="find-customer-more">{t('find.more')}</p> : null}
      {error ? <p role="alert">{error}</p> : null}
    </>
  );
}

/**
 * Slot `customer-pane`, below the pop: finds a customer the number did not (a withheld or new
 * number, a shared line) and files the contact under them (or under one of their cases).
 * Optionally saves the caller's number to that customer, so the next call from it pops them.
 */
export function FindCustomer({ number, initiallyOpen }: { number: string | null; initiallyOpen: boolean }) {
  const { t } = useTranslation('agent');
  const [open, setOpen] = useState(initiallyOpen);
  const [saveNumber, setSaveNumber] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <button type="button" className="find-customer-open" aria-expanded={false} onClick={() => setOpen(true)}>
        {t('find.another')}
      </button>
    );
  }

  const choose = ({ customerId, caseId }: ChosenCustomer) => {
    setBusy(true);
    agentClient()
      .invoke('agent.pickCustomer', { customerId, caseId, ...(saveNumber ? { saveNumber: true } : {}) })
      .then((view) => {
        applyView(view);
        setError(null);
        setOpen(false);
      })
      .catch((err: unknown) => setError(messageOf(err)))
      .finally(() => setBusy(false));
  };

  return (
    <section className="find-customer" aria-label={t('find.region')}>
      <CustomerSearch
        label={t('find.label')}
        onChoose={choose}
        busy={busy}
        between={
          number ? (
            <label className="find-customer-save">
              <input type="checkbox" checked={saveNumber} onChange={(e) => setSaveNumber(e.target.checked)} />{' '}
              {t('find.saveNumber', { number: displayPhoneNumber(number) })}
            </label>
          ) : null
        }
      />
      {error ? <p role="alert">{error}</p> : null}
    </section>
  );
}
