import type { ServerDatabase } from './database';

/**
 * Demo and benchmark data for the reference server: deterministic for a given
 * seed, about five cases per customer, unique E.164 numbers, text of roughly
 * the size real case subjects and descriptions have. Ids are `cust-N` and
 * `case-N`, so a test can name a record without asking for it first.
 */

const FIRST = [
  'Ada',
  'Ben',
  'Carla',
  'Dev',
  'Elif',
  'Farid',
  'Grace',
  'Hana',
  'Ivan',
  'Jun',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Viktor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
];
const LAST = [
  'Okafor',
  'Schmidt',
  'Tanaka',
  'Garcia',
  'Novak',
  'Haddad',
  'Kowalski',
  'Silva',
  'Nguyen',
  'Andersen',
  'Murphy',
  'Rossi',
  'Cohen',
  'Dubois',
  'Ivanova',
  'Mensah',
  'Patel',
  'Larsen',
  'Yilmaz',
  'Fischer',
];
const COMPANY = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Tailspin',
  'Litware',
  'Adventure Works',
  'Wide World',
  'Proseware',
  'Alpine Ski',
  'Blue Yonder',
  null,
  null,
  null,
];
const SEGMENT = ['Consumer', 'Consumer', 'Consumer', 'Business', 'VIP'];
const TOPIC = [
  'billing',
  'invoice',
  'refund',
  'router',
  'outage',
  'password',
  'delivery',
  'warranty',
  'upgrade',
  'cancellation',
  'payment',
  'login',
  'contract',
  'roaming',
  'modem',
  'fibre',
  'installation',
  'appointment',
  'complaint',
  'porting',
];
const WORDS = [
  'customer',
  'reports',
  'that',
  'the',
  'service',
  'stopped',
  'working',
  'after',
  'last',
  'update',
  'asked',
  'for',
  'a',
  'callback',
  'tomorrow',
  'morning',
  'checked',
  'account',
  'status',
  'line',
  'test',
  'shows',
  'no',
  'fault',
  'replaced',
  'device',
  'under',
  'warranty',
  'charged',
  'twice',
  'this',
  'month',
  'explained',
  'next',
  'steps',
  'escalated',
  'to',
  'tier',
  'two',
  'engineer',
  'visit',
  'booked',
  'signal',
  'drops',
  'every',
  'evening',
  'speed',
  'below',
  'contracted',
  'rate',
  'promised',
  'credit',
  'note',
  'on',
  'bill',
  'address',
  'changed',
  'recently',
  'parcel',
  'not',
  'delivered',
  'wants',
  'to',
  'cancel',
];
const STATUSES = ['open', 'open', 'open', 'pending', 'closed', 'closed', 'closed', 'closed', 'solved', 'new'] as const;
const PRIORITIES = ['P1', 'P2', 'P2', 'P3', 'P3', 'P3', 'P4', 'P4'] as const;

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A unique North American number for customer `i` (a bijection on 8·10⁹ numbers). */
export function seedPhone(i: number): string {
  const n = 2_000_000_000 + ((i * 1_000_003 + 7_919) % 8_000_000_000);
  return `+1${n}`;
}

export interface SeedOptions {
  customers: number;
  cases: number;
  seed?: number;
  /** Called every `batch` rows with the rows written so far. */
  onProgress?: (written: number, total: number) => void;
  /** Base for createdAt/updatedAt (ms). */
  now?: number;
}

export interface SeedReport {
  customers: number;
  cases: number;
  durationMs: number;
}

/** Adds `customers` customers and `cases` cases after whatever the database holds. */
export function seedDatabase(server: ServerDatabase, options: SeedOptions): SeedReport {
  const started = Date.now();
  const random = generator(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const words = (min: number, max: number): string => {
    const n = min + Math.floor(random() * (max - min + 1));
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(pick(WORDS));
    return out.join(' ');
  };
  const db = server.db;
  const base = options.now ?? Date.now();
  const firstCustomer = (db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM customers`).get()?.n ?? 0) + 1;
  const firstCase = (db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM cases`).get()?.n ?? 0) + 1;
  let customerSeq = db.prepare<[], { n: number }>(`SELECT coalesce(max(seq), 0) AS n FROM customers`).get()!.n;
  let caseSeq = db.prepare<[], { n: number }>(`SELECT coalesce(max(seq), 0) AS n FROM cases`).get()!.n;
  const insertCustomer = db.prepare(
    `INSERT INTO customers(seq, id, name, email, company, segment, do_not_call, notes, phones, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 1)`,
  );
  const insertCase = db.prepare(
    `INSERT INTO cases(seq, id, customer_id, subject, description, status, priority, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const total = options.customers + options.cases;
  const batch = 20_000;
  const customerCount = Math.max(1, options.customers);
  for (let start = 0; start < options.customers; start += batch) {
    db.transaction(() => {
      for (let k = start; k < Math.min(options.customers, start + batch); k++) {
        const i = firstCustomer + k;
        const name = `${pick(FIRST)} ${pick(LAST)}`;
        const phones = [{ number: seedPhone(i), label: 'mobile' }];
        const created = base - Math.floor(random() * 3 * 365 * 86_400_000);
        insertCustomer.run(
          ++customerSeq,
          `cust-${i}`,
          name,
          `${name.toLowerCase().replace(' ', '.')}.${i}@example.com`,
          pick(COMPANY),
          pick(SEGMENT),
          random() < 0.02 ? 1 : 0,
          JSON.stringify(phones),
          created,
          created,
        );
      }
    })();
    options.onProgress?.(Math.min(options.customers, start + batch), total);
  }
  for (let start = 0; start < options.cases; start += batch) {
    db.transaction(() => {
      for (let k = start; k < Math.min(options.cases, start + batch); k++) {
        const i = firstCase + k;
        const customer = firstCustomer + Math.floor(random() * customerCount);
        const created = base - Math.floor(random() * 365 * 86_400_000);
        insertCase.run(
          ++caseSeq,
          `case-${i}`,
          `cust-${customer}`,
          `${pick(TOPIC)}: ${words(3, 7)}`,
          words(20, 55),
          pick(STATUSES),
          pick(PRIORITIES),
          created,
          created + Math.floor(random() * 86_400_000),
        );
      }
    })();
    options.onProgress?.(options.customers + Math.min(options.cases, start + batch), total);
  }
  return { customers: options.customers, cases: options.cases, durationMs: Date.now() - started };
}
