import { useEffect, useRef, useState } from 'react';
import type { SearchResult } from '../../../../shared/store/contract';
import { agentClient, applyView, messageOf } from './agent-state';

/** One search per pause in typing, not one per letter. */
const TYPING_PAUSE_MS = 150;
const RESULTS = 8;

/**
 * Slot `customer-pane`, below the pop: finds a customer the number did not (a withheld or new
 * number, a shared line) by name, email, company, phone or case number in the local store, and
 * files the contact under them (or under one of their cases). Optionally saves the caller's
 * number to that customer, so the next call from it pops them.
 */
export function FindCustomer({ number, initiallyOpen }: { number: string | null; initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [saveNumber, setSaveNumber] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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

  if (!open) {
    return (
      <button type="button" className="find-customer-open" aria-expanded={false} onClick={() => setOpen(true)}>
        Find another customer
      </button>
    );
  }

  const choose = (customerId: string, caseId: string | null) => {
    setBusy(true);
    agentClient()
      .invoke('agent.pickCustomer', { customerId, caseId, ...(saveNumber ? { saveNumber: true } : {}) })
      .then((view) => {
        applyView(view);
        setError(null);
        setQuery('');
        setOpen(false);
      })
      .catch((err: unknown) => setError(messageOf(err)))
      .finally(() => setBusy(false));
  };
  const nothing = result !== null && result.customers.length === 0 && result.cases.length === 0;

  return (
    <section className="find-customer" aria-label="Find a customer">
      <label>
        Find a customer{' '}
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name, email, company, phone or case number" autoComplete="off" />
      </label>
      {number ? (
        <label className="find-customer-save">
          <input type="checkbox" checked={saveNumber} onChange={(e) => setSaveNumber(e.target.checked)} /> Save {number} to the customer’s numbers
        </label>
      ) : null}
      {nothing ? <p role="status">Nothing found for “{query.trim()}”.</p> : null}
      {result && result.customers.length > 0 ? (
        <ul aria-label="Customers found">
          {result.customers.map((c) => (
            <li key={c.id}>
              <button type="button" disabled={busy} onClick={() => choose(c.id, null)}>
                {c.name}
              </button>{' '}
              <span className="find-customer-facts">
                {[c.company, c.email, c.phones.join(', '), c.doNotCall ? 'do not call' : null].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {result && result.cases.length > 0 ? (
        <ul aria-label="Cases found">
          {result.cases.map((k) => (
            <li key={k.id}>
              <button type="button" disabled={busy} onClick={() => choose(k.customerId, k.id)}>
                {k.id}: {k.subject}
              </button>{' '}
              <span className="find-customer-facts">
                {k.customerName ?? k.customerId} · {k.priority} · {k.status}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {result?.truncated ? <p className="find-customer-more">More match than are shown: type more to narrow it down.</p> : null}
      {error ? <p role="alert">{error}</p> : null}
    </section>
  );
}
