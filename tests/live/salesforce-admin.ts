import { SALESFORCE_API_VERSION } from '../../electron/sync/connectors/salesforce/salesforce-api';

/**
 * The Salesforce live suite's own requests: what it sets up (an account, a contact with a fictional
 * mobile number, an open case), what it changes as "someone else in Salesforce", what it reads to
 * check the connector's writes, and the clean-up. They never go through the connector under test,
 * so a connector bug cannot hide behind them.
 *
 * Requests, by section of the Salesforce REST API Developer Guide (the version the connector pins,
 * electron/sync/connectors/salesforce/salesforce-api.ts):
 * - sObject Describe `GET /sobjects/Task/describe` (the external-id field is there and is one);
 * - sObject Rows: Create `POST /sobjects/{type}` (201), Retrieve `GET /sobjects/{type}/{id}`,
 *   Update `PATCH /sobjects/{type}/{id}` (204), Delete `DELETE /sobjects/{type}/{id}` (204);
 * - Query `GET /query?q=` (SOQL; the suite's queries fit one page).
 * Every one counts against the org's daily API allocation; a run makes about 20.
 */

export interface SfAnswer {
  status: number;
  json: unknown;
}

export interface SfField {
  name: string;
  type: string;
  externalId: boolean;
  custom: boolean;
}

const REQUEST_TIMEOUT_MS = 30_000;

export class SalesforceAdmin {
  constructor(
    private readonly session: () => Promise<{ instanceUrl: string; accessToken: string }>,
    private readonly note: (line: string) => void,
  ) {}

  async request(method: string, path: string, body?: unknown): Promise<SfAnswer> {
    const { instanceUrl, accessToken } = await this.session();
    const response = await fetch(`${instanceUrl}/services/data/v${SALESFORCE_API_VERSION}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  /** A request that must succeed; anything else throws with Salesforce's error codes (never a token). */
  private async expect(status: number, method: string, path: string, body?: unknown): Promise<unknown> {
    const answer = await this.request(method, path, body);
    if (answer.status !== status) {
      const codes = Array.isArray(answer.json)
        ? (answer.json as { errorCode?: string; message?: string }[]).map((e) => `${e.errorCode ?? '?'}: ${e.message ?? ''}`).join('; ')
        : JSON.stringify(answer.json)?.slice(0, 300);
      throw new Error(`${method} ${path.split('?')[0]} answered ${answer.status}, not ${status} (${codes})`);
    }
    return answer.json;
  }

  async taskFields(): Promise<SfField[]> {
    const describe = (await this.expect(200, 'GET', '/sobjects/Task/describe')) as { fields: SfField[] };
    return describe.fields;
  }

  async create(type: string, fields: Record<string, unknown>): Promise<string> {
    const made = (await this.expect(201, 'POST', `/sobjects/${type}`, fields)) as { id: string; success: boolean };
    this.note(`made ${type} ${made.id}`);
    return made.id;
  }

  async retrieve(type: string, id: string): Promise<Record<string, unknown>> {
    return (await this.expect(200, 'GET', `/sobjects/${type}/${id}`)) as Record<string, unknown>;
  }

  async update(type: string, id: string, fields: Record<string, unknown>): Promise<void> {
    await this.expect(204, 'PATCH', `/sobjects/${type}/${id}`, fields);
  }

  async delete(type: string, id: string): Promise<void> {
    const answer = await this.request('DELETE', `/sobjects/${type}/${id}`);
    // Already gone (a cascade from its parent, or an earlier clean-up) is fine.
    if (answer.status !== 204 && answer.status !== 404) throw new Error(`DELETE ${type} ${id} answered ${answer.status}`);
  }

  async query<T = Record<string, unknown>>(soql: string): Promise<T[]> {
    const page = (await this.expect(200, 'GET', `/query?q=${encodeURIComponent(soql)}`)) as { records: T[]; done: boolean };
    if (!page.done) throw new Error(`The suite's query returned more than one page: ${soql.slice(0, 120)}`);
    return page.records;
  }
}
