import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { isExternalUrlAllowed } from '../../../electron/security/permissions';
import { recordPagesOf } from '../../../electron/sync/record-pages';
import { CrmPageLink } from '../../../renderer/src/features/agent/CrmPageLink';
// The window's translator, set up as at start-up (English), so the link reads as the agent sees it.
import '../../../renderer/src/i18n/i18n';
import { agentDeskViewSchema, type CrmPages } from '../../../shared/agent/contract';
import { isRecordPageUrl, type RecordRef } from '../../../shared/sync/record-pages';

/**
 * "Open in <CRM>": which address each connector gives a record, the rule every such address must
 * pass at both ends of the bridge, and the link the agent activates.
 */

const ZD = 'https://acme.zendesk.com';
const LOCAL = '6f1c2b1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b';
const customer = (id: string): RecordRef => ({ kind: 'customer', id });
const kase = (id: string): RecordRef => ({ kind: 'case', id });

describe("the connector's address of a record", () => {
  it('Zendesk: the agent pages of its users and tickets, and only of records Zendesk numbered', () => {
    const pages = recordPagesOf('zendesk', ZD, [customer('zd-user-7'), kase('zd-ticket-35436'), customer(LOCAL), kase(LOCAL)]);
    expect(pages).toEqual({
      crm: 'Zendesk',
      byId: { 'zd-user-7': `${ZD}/agent/users/7`, 'zd-ticket-35436': `${ZD}/agent/tickets/35436` },
    });
    // A ticket id offered as a customer (or the other way round) is not that record's page.
    expect(recordPagesOf('zendesk', ZD, [customer('zd-ticket-1'), kase('zd-user-1')])?.byId).toEqual({});
    // Ids a connector of another CRM makes are not Zendesk's.
    expect(recordPagesOf('zendesk', ZD, [customer('sf-contact-003000000000001AAA'), kase('CS-1')])?.byId).toEqual({});
  });

  it('only to an https:// CRM (or this computer, the emulator), never with a user name or password in it', () => {
    expect(recordPagesOf('zendesk', 'http://127.0.0.1:9000', [kase('zd-ticket-12')])?.byId).toEqual({
      'zd-ticket-12': 'http://127.0.0.1:9000/agent/tickets/12',
    });
    for (const base of [
      'http://acme.zendesk.com',
      'https://agent:secret@acme.zendesk.com',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'acme',
    ]) {
      expect(recordPagesOf('zendesk', base, [kase('zd-ticket-12')])?.byId, base).toEqual({});
    }
  });

  it('Salesforce: the Lightning record pages of Contacts and Cases', () => {
    const org = 'https://acme.my.salesforce.com';
    const pages = recordPagesOf('salesforce', org, [customer('sf-contact-003000000000001AAA'), kase('sf-case-500000000000001AAA')]);
    expect(pages).toEqual({
      crm: 'Salesforce',
      byId: {
        'sf-contact-003000000000001AAA': `${org}/lightning/r/Contact/003000000000001AAA/view`,
        'sf-case-500000000000001AAA': `${org}/lightning/r/Case/500000000000001AAA/view`,
      },
    });
    expect(recordPagesOf('salesforce', org, [customer('sf-case-500000000000001AAA'), customer('zd-user-7')])?.byId).toEqual({});
  });

  it('none for the Switchboard Sync API, or when no CRM address is set', () => {
    expect(recordPagesOf('switchboard-sync', 'https://crm.example.com', [customer('C-1'), kase('CS-1')])).toBeNull();
    expect(recordPagesOf('zendesk', null, [customer('zd-user-7')])).toBeNull();
  });
});

describe('the rule an address must pass to become a link', () => {
  it('takes https://, and http:// only to this computer', () => {
    for (const url of [
      'https://acme.zendesk.com/agent/tickets/1',
      'http://127.0.0.1:9000/agent/tickets/1',
      'http://localhost:9000/agent/users/2',
      'http://[::1]:9000/agent/users/2',
    ]) {
      expect(isRecordPageUrl(url), url).toBe(true);
    }
  });

  it('refuses other schemes, other hosts over http, credentials, and what a URL parser could read as another host', () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'mailto:agent@example.com',
      'http://acme.zendesk.com/agent/tickets/1',
      'http://127.0.0.1.evil.example/agent/tickets/1',
      'https://agent:secret@acme.zendesk.com/agent/tickets/1',
      'https://@acme.zendesk.com/',
      'https://evil.example\\@acme.zendesk.com/',
      'http://127.0.0.1\t.evil.example/',
      ' https://acme.zendesk.com/agent/tickets/1',
      'https:///agent/tickets/1',
      '//acme.zendesk.com/agent/tickets/1',
      `https://acme.zendesk.com/${'a'.repeat(2048)}`,
    ]) {
      expect(isRecordPageUrl(url), url).toBe(false);
    }
  });

  it("is checked in the agent view's schema: a view carrying any other address is refused at both ends of the bridge", () => {
    const crmPages = agentDeskViewSchema.shape.crmPages;
    expect(crmPages.safeParse({ crm: 'Zendesk', byId: { 'zd-ticket-1': `${ZD}/agent/tickets/1` } }).success).toBe(true);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'http://acme.zendesk.com/agent/tickets/1']) {
      const parsed = crmPages.safeParse({ crm: 'Zendesk', byId: { 'zd-ticket-1': url } });
      expect(parsed.success, url).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/https:\/\//);
    }
  });

  it("leaves the app in Electron only through its one rule, which takes https:// pages (and never this computer's http)", () => {
    expect(isExternalUrlAllowed(`${ZD}/agent/tickets/1`)).toBe(true);
    expect(isExternalUrlAllowed('http://127.0.0.1:9000/agent/tickets/1')).toBe(false);
    expect(isExternalUrlAllowed('javascript:alert(1)')).toBe(false);
  });
});

describe('the "Open in <CRM>" link', () => {
  const pages: CrmPages = { crm: 'Zendesk', byId: { 'zd-ticket-7': `${ZD}/agent/tickets/7` } };
  const render = (p: CrmPages | null, recordId: string) => renderToStaticMarkup(createElement(CrmPageLink, { pages: p, recordId }));

  it("is a link named after the CRM to exactly that record's page, opened outside the app", () => {
    expect(render(pages, 'zd-ticket-7')).toBe(
      `<a class="crm-page-link" href="${ZD}/agent/tickets/7" target="_blank" rel="noopener noreferrer">Open in Zendesk<span class="crm-page-link-new" aria-hidden="true"> ↗</span></a>`,
    );
  });

  it('is not drawn for a record without a page, without pages, or for an address that fails the rule', () => {
    expect(render(pages, 'zd-ticket-8')).toBe('');
    expect(render(pages, 'constructor')).toBe('');
    expect(render(null, 'zd-ticket-7')).toBe('');
    expect(render({ crm: 'Zendesk', byId: { 'zd-ticket-7': 'javascript:alert(1)' } }, 'zd-ticket-7')).toBe('');
  });
});
