/**
 * The live suite's own requests to Zendesk: what the suite sets up (a test caller and their
 * ticket), what it changes as "someone else in Zendesk", what it reads to check the connector's
 * writes, and the clean-up. The connector under test makes its own requests; these never go
 * through it, so a connector bug cannot hide behind them.
 *
 * Requests, by section of the Zendesk Support API reference:
 * - Users › Create User `POST /api/v2/users` (201) and Delete User `DELETE /api/v2/users/{id}` (200);
 * - Tickets › Create Ticket `POST /api/v2/tickets` (201), Show Ticket, Update Ticket `PUT
 *   /api/v2/tickets/{id}` (200; with `safe_update` and a stale `updated_stamp`: 409, Tickets ›
 *   Protecting against ticket update collisions), List Tickets `GET /api/v2/tickets?external_id=`
 *   and Delete Ticket `DELETE /api/v2/tickets/{id}` (204);
 * - Ticket Comments › List Comments `GET /api/v2/tickets/{id}/comments` (offset pages).
 *
 * Rate limits (Introduction › Rate limits, and Update Ticket's and Delete Ticket's own limits):
 * a 429 is waited out for its Retry-After, as Zendesk asks, then sent again.
 */

export interface ZdUserRecord {
  id: number;
  name: string;
  phone: string | null;
  active: boolean;
}

export interface ZdTicketRecord {
  id: number;
  status: string;
  priority: string | null;
  requester_id: number;
  external_id: string | null;
  tags: string[];
  updated_at: string;
}

export interface ZdCommentRecord {
  body: string | null;
  plain_body?: string | null;
  html_body?: string | null;
  public: boolean;
}

export interface Answer {
  status: number;
  json: unknown;
}

/** At most this many 429s are waited out for one request, each for at most MAX_WAIT_MS. */
const MAX_RATE_LIMIT_WAITS = 5;
const MAX_WAIT_MS = 120_000;
const REQUEST_TIMEOUT_MS = 30_000;

export function retryAfterMs(header: string | null): number {
  const seconds = header === null ? Number.NaN : Number(header);
  // Zendesk sends whole seconds; without a usable header, the rest of a rate-limit minute is a safe wait.
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_WAIT_MS) : 60_000;
}

export class ZendeskAdmin {
  private readonly authorization: string;

  constructor(
    private readonly baseUrl: string,
    email: string,
    apiToken: string,
    /** Where waits for Retry-After are told (never credentials or personal data). */
    private readonly note: (line: string) => void,
  ) {
    // Introduction › Security and authentication › API token: `{email}/token:{api_token}`.
    this.authorization = `Basic ${Buffer.from(`${email}/token:${apiToken}`, 'utf8').toString('base64')}`;
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<Answer> {
    const url = new URL(path, this.baseUrl);
    if (url.origin !== new URL(this.baseUrl).origin) throw new Error(`Refusing to send the Zendesk credentials to ${url.origin}`);
    for (let waits = 0; ; waits += 1) {
      const res = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          authorization: this.authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      if (res.status === 429 && waits < MAX_RATE_LIMIT_WAITS) {
        const wait = retryAfterMs(res.headers.get('retry-after'));
        this.note(
          `Zendesk asked to slow down (HTTP 429 on ${method} ${url.pathname}); waiting ${Math.ceil(wait / 1000)} s as Retry-After says`,
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      let json: unknown = null;
      try {
        json = text === '' ? null : JSON.parse(text);
      } catch {
        // text/plain error bodies (Introduction › Response format) stay in `json: null`.
      }
      return { status: res.status, json };
    }
  }

  /** The answer's JSON when the status is the one expected; otherwise an error naming the request and Zendesk's reason. */
  async expect(status: number, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    const answer = await this.request(method, path, body);
    if (answer.status !== status) {
      const reason = answer.json === null ? '' : `: ${JSON.stringify(answer.json).slice(0, 300)}`;
      throw new Error(`Zendesk answered ${method} ${path} with HTTP ${answer.status}, not ${status}${reason}`);
    }
    return answer.json;
  }

  async createUser(user: Record<string, unknown>): Promise<ZdUserRecord> {
    return ((await this.expect(201, 'POST', '/api/v2/users.json', { user })) as { user: ZdUserRecord }).user;
  }

  async createTicket(ticket: Record<string, unknown>): Promise<ZdTicketRecord> {
    return ((await this.expect(201, 'POST', '/api/v2/tickets.json', { ticket })) as { ticket: ZdTicketRecord }).ticket;
  }

  async showTicket(id: number): Promise<ZdTicketRecord> {
    return ((await this.expect(200, 'GET', `/api/v2/tickets/${id}.json`)) as { ticket: ZdTicketRecord }).ticket;
  }

  async updateTicket(id: number, ticket: Record<string, unknown>): Promise<ZdTicketRecord> {
    return ((await this.expect(200, 'PUT', `/api/v2/tickets/${id}.json`, { ticket })) as { ticket: ZdTicketRecord }).ticket;
  }

  async ticketsWithExternalId(externalId: string): Promise<ZdTicketRecord[]> {
    const path = `/api/v2/tickets.json?external_id=${encodeURIComponent(externalId)}`;
    return ((await this.expect(200, 'GET', path)) as { tickets: ZdTicketRecord[] }).tickets;
  }

  /** Every comment of the ticket, oldest first (offset pages; `next_page` is an absolute URL on the same account). */
  async comments(ticketId: number): Promise<ZdCommentRecord[]> {
    const all: ZdCommentRecord[] = [];
    let next: string | null = `/api/v2/tickets/${ticketId}/comments.json`;
    while (next !== null) {
      const page = (await this.expect(200, 'GET', next)) as { comments: ZdCommentRecord[]; next_page?: string | null };
      all.push(...page.comments);
      next = page.next_page ?? null;
    }
    return all;
  }

  /** Deleted now, or already gone (404): either way it is not left behind. */
  async deleteTicket(id: number): Promise<void> {
    const answer = await this.request('DELETE', `/api/v2/tickets/${id}.json`);
    if (answer.status !== 204 && answer.status !== 404) throw new Error(`Zendesk answered DELETE ticket ${id} with HTTP ${answer.status}`);
  }

  async deleteUser(id: number): Promise<void> {
    const answer = await this.request('DELETE', `/api/v2/users/${id}.json`);
    if (answer.status !== 200 && answer.status !== 404) throw new Error(`Zendesk answered DELETE user ${id} with HTTP ${answer.status}`);
  }
}
