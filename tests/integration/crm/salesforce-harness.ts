import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TokenKeeper } from '../../../electron/auth/token-keeper';
import { silentLogger } from '../../../electron/logging/logger';
import { createFileSecretStore, plainCodec, type SecretStore } from '../../../electron/secrets/secret-store';
import type { PushItem } from '../../../electron/sync/case-source';
import {
  createSalesforceSource,
  type SalesforceSource,
  type SalesforceSourceOptions,
} from '../../../electron/sync/connectors/salesforce/salesforce-source';
import { PullEngine, type IngestPort, type PullLimits } from '../../../electron/sync/pull-engine';
import { salesforceProvider, sessionOf } from '../../../electron/sync/salesforce-sign-in';
import type { Interaction, WrapUpRecord } from '../../../shared/store/types';
import { salesforceFieldMapping } from '../../../shared/sync/salesforce-fields';
import type { SalesforceEmulator } from '../../../tools/crm-emulators/salesforce/server';
import { CrmApps, type CrmApp } from './crm-harness';

/**
 * What the Salesforce connector's integration tests share: a sign-in as the sync service keeps it
 * (a TokenKeeper in a secret store, renewed through the emulator's token endpoint), a store that
 * keeps pulled records in memory, and the agent's records as the outbox sends them.
 */

/** The emulator's built-in public Connected App, the one its `issueSession` issues for. */
export const EMULATOR_CLIENT = 'salesforce-emulator';

export interface SignedIn {
  keeper: TokenKeeper;
  secrets: SecretStore;
  close(): void;
}

/** A finished sign-in for the emulator's admin, stored as the sync service stores one. */
export async function signedIn(sf: SalesforceEmulator): Promise<SignedIn> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-signin-'));
  const secrets = createFileSecretStore({ dir, codec: plainCodec, info: { backend: 'key-file', weak: true, description: 'test' } });
  const keeper = new TokenKeeper({
    provider: salesforceProvider({ origin: sf.url, clientId: EMULATOR_CLIENT }),
    secrets,
    log: silentLogger,
  });
  const issued = sf.issueSession();
  await keeper.save({
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    expiresAt: null,
    scope: 'api refresh_token',
    tokenType: 'bearer',
    extra: { instance_url: issued.instanceUrl },
  });
  return { keeper, secrets, close: () => rmSync(dir, { recursive: true, force: true }) };
}

const opened: { source: SalesforceSource; signIn: SignedIn }[] = [];

/** A connector to the emulator with the default field mapping and the GB region (the seeded numbers are UK ones). */
export async function connect(sf: SalesforceEmulator, over: Partial<SalesforceSourceOptions> = {}): Promise<SalesforceSource> {
  const signIn = await signedIn(sf);
  const source = createSalesforceSource({
    baseUrl: sf.url,
    session: sessionOf(signIn.keeper),
    mapping: salesforceFieldMapping(null),
    defaultRegion: 'GB',
    timeoutMs: 20_000,
    ...over,
  });
  opened.push({ source, signIn });
  return source;
}

export function closeAll(): void {
  for (const { source, signIn } of opened.splice(0)) {
    source.close();
    signIn.keeper.close();
    signIn.close();
  }
}

export { memoryStore } from '../sync/harness';

export const engine = (source: SalesforceSource, ingest: IngestPort, limits: Partial<PullLimits> = {}, pageSize = 500) =>
  new PullEngine({ source, ingest, log: silentLogger, pageSize, limits });

let nextRow = 1;

/** An outbox row as delivery hands it to the connector. */
export function row(
  entityKind: PushItem['entityKind'],
  operation: string,
  entityId: string,
  payload: unknown,
  over: Partial<PushItem> = {},
): PushItem {
  const id = nextRow++;
  return {
    id,
    idempotencyKey: `key-${id}`,
    entityKind,
    entityId,
    orderingKey: entityId,
    operation,
    payload,
    createdAt: Date.now(),
    ...over,
  };
}

export function call(
  id: string,
  links: { customerId?: string | null; caseId?: string | null } = {},
  over: Partial<Interaction> = {},
): Interaction {
  const start = Date.UTC(2024, 4, 1, 9, 30);
  return {
    id,
    agentId: 'agent-1',
    channel: 'call',
    direction: 'inbound',
    outcome: 'answered',
    number: '+447700900123',
    startedAt: start,
    answeredAt: start + 5_000,
    endedAt: start + 200_000,
    talkSeconds: 180,
    holdSeconds: 15,
    afterCallWorkSeconds: 0,
    customerId: links.customerId ?? null,
    caseId: links.caseId ?? null,
    sipCallId: `${id}@pbx.example.com`,
    quality: null,
    ...over,
  };
}

export function wrapUp(interactionId: string, code: string, notes = ''): WrapUpRecord {
  const at = Date.UTC(2024, 4, 1, 9, 35);
  return {
    interactionId,
    agentId: 'agent-1',
    state: 'submitted',
    code,
    notes,
    resolvedOnFirstContact: true,
    callback: null,
    doNotCall: null,
    revision: 1,
    updatedAt: at,
    submittedAt: at,
  };
}

/** Settles a promise into its error (or null), for asserting on SourceErrors. */
export const failure = <E = Error>(p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as E,
  );

// ------------------------------------------------------------------ the app: real store, real sync service

/** IT's Connected App in the emulator, and the policy that chooses Salesforce with it. */
export const CONNECTED_APP = '3MVG9Switchboard_Desktop.Test';

export { freePort } from '../../support/free-port';

export function salesforcePolicy(sf: { url: string }, redirectPort: number): Record<string, unknown> {
  return {
    crmConnector: 'salesforce',
    crmSyncUrl: sf.url,
    salesforceOAuthClientId: CONNECTED_APP,
    salesforceRedirectPort: String(redirectPort),
    salesforceDefaultRegion: 'GB',
  };
}

export type SalesforceApp = CrmApp;

/** The apps a test file started; `closeAll` in afterEach stops them and removes their folders. */
export class SalesforceApps extends CrmApps {
  constructor() {
    // pageSize null: the page the app asks for by default, the connector's own (2,000 rows, the query batch maximum).
    super({ tempPrefix: 'sb-salesforce-', timing: { requestTimeoutMs: 10_000, pageSize: null } });
  }
}

/** Plays the system browser: the emulator's authorization page (auto-approved) redirects to the loopback listener. */
export async function browser(sf: SalesforceEmulator, authorizationUrl: string): Promise<{ status: number; body: string }> {
  const url = new URL(authorizationUrl);
  if (url.origin + url.pathname !== `${sf.url}/services/oauth2/authorize`)
    throw new Error(`unexpected sign-in page ${url.origin}${url.pathname}`);
  const answer = await fetch(url, { redirect: 'manual' });
  if (answer.status !== 302) throw new Error(`the authorization page answered ${answer.status}: ${await answer.text()}`);
  const page = await fetch(answer.headers.get('location')!);
  return { status: page.status, body: await page.text() };
}
