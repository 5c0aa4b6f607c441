import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { textRules } from '../../../eslint.config.js';
import { check, fieldProblem, issueTextsOf } from '../../../shared/bridge/validate';
import { issueEnglish, rule } from '../../../shared/policy/rule-text';
import { englishOf, userText } from '../../../shared/text/user-text';
import { snippetLinter } from '../../support/lint-snippet';

// A schema whose rules say why as messages (`rule()`), the way IT's policies and the bridge's contracts do.
const account = z.strictObject({
  servers: z.array(z.strictObject({ url: z.string().regex(/^wss?:\/\//, rule('policy.rule.wsServerUrl')) })),
  name: z.string().min(1),
});
const bad = { servers: [{ url: 'http://pbx' }], name: '' };
const issuesOf = (value: unknown): z.core.$ZodIssue[] => account.safeParse(value).error?.issues ?? [];
const wsRule = englishOf(userText('policy.rule.wsServerUrl'));

describe('a zod issue said in English', () => {
  it("says a rule's message in words, never as its JSON, with where it is", () => {
    const [url, name] = issuesOf(bad);
    expect(issueEnglish(url!)).toBe(`servers.0.url: ${wsRule}`);
    expect(issueEnglish(url!, { style: 'policy' })).toBe(`servers[0].url: ${wsRule}`);
    expect(issueEnglish(url!, { under: ['accounts', 2] })).toBe(`accounts.2.servers.0.url: ${wsRule}`);
    expect(issueEnglish(name!)).toBe('name: Too small: expected string to have >=1 characters');
  });

  it('names the value itself only when asked to', () => {
    const [whole] = issuesOf('not an object');
    expect(issueEnglish(whole!)).toBe('Invalid input: expected object, received string');
    expect(issueEnglish(whole!, { root: '(payload)' })).toBe('(payload): Invalid input: expected object, received string');
  });

  it("gives the bridge English lines and, for a rule's message, the message to translate", () => {
    const checked = check(account, bad);
    expect(checked).toEqual({
      ok: false,
      issues: [`servers.0.url: ${wsRule}`, 'name: Too small: expected string to have >=1 characters'],
      issueTexts: [{ path: 'servers.0.url', text: { key: 'policy.rule.wsServerUrl' } }],
    });
    const problem = fieldProblem('notes', 'agent.wrapUp.needsNote', { label: 'Sale' });
    expect(issueTextsOf([problem, { field: 'code', message: 'English only' }])).toEqual([{ path: 'notes', text: problem.text }]);
  });
});

const lintText = snippetLinter(textRules);

async function lint(filePath: string, code: string): Promise<string[]> {
  return (await lintText(filePath, code)).map((m) => m.ruleId ?? `parse: ${m.message}`);
}

const RULE = 'switchboard-text/zod-issue-message';

describe("the lint rule against printing a zod issue's message", () => {
  it.each([
    ['an index into the issues', 'export const m = (r: R) => `${r.error.issues[0]!.message}`;'],
    ['a variable holding one', 'export function f(r: R) { const first = r.error?.issues[0]; return first?.message; }'],
    ['destructured first issue', 'export function f(error: E) { const [first] = error.issues; return first!.message; }'],
    [
      'a loop over them',
      'export function f(r: R) { const out = []; for (const issue of r.error.issues.slice(0, 20)) out.push(issue.message); return out; }',
    ],
    ['a callback on them', 'export const f = (r: R) => r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);'],
    ['a destructured message', 'export function f(zodError: E) { const { message } = zodError.issues.at(0)!; return message; }'],
  ])('fires on %s', async (_what, code) => {
    for (const file of ['electron/sync/x.ts', 'shared/x/y.ts', 'renderer/src/x.tsx']) expect(await lint(file, code)).toEqual([RULE]);
  });

  it("leaves alone an error's own message, another list's entries, the helper itself and tests", async () => {
    expect(await lint('electron/sync/x.ts', 'export const f = (e: Error) => e.message;')).toEqual([]);
    expect(await lint('electron/sync/x.ts', 'export const f = (d: D) => d.issues.map((i) => i.message);')).toEqual([]);
    expect(await lint('electron/sync/x.ts', 'export const f = (r: R) => issueEnglish(r.error.issues[0]!);')).toEqual([]);
    const raw = 'export const m = (r: R) => r.error.issues[0]!.message;';
    expect(await lint('shared/policy/rule-text.ts', raw)).toEqual([]);
    expect(await lint('tests/unit/x.test.ts', raw)).toEqual([]);
  });
});
