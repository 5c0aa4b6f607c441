import { afterEach, describe, expect, it } from 'vitest';
import { defaultWorkflowConfig, defaultWorkflowInput, parseWorkflowConfig } from '../../../electron/agent/workflow-defaults';
import { workflowFromPolicy } from '../../../electron/policy/policy-service';
import type { GuidedScript } from '../../../shared/config/workflow';
import {
  addRun,
  applyStep,
  caseCategoryOf,
  closeRun,
  openRun,
  readTimer,
  scriptNoteLines,
  startedPaymentStep,
  suggestScripts,
} from '../../../shared/scripts/guided-scripts';
import { MAX_SCRIPT_RUNS, type ScriptRun } from '../../../shared/scripts/script-run';
import { englishOf, type UserText } from '../../../shared/text/user-text';
import { i18n, translateUserText } from '../../../renderer/src/i18n';

const T0 = Date.UTC(2026, 11, 6, 9, 0, 0);
const sec = (n: number) => T0 + n * 1000;

/** The problems a policy author reads for a guidedScripts value. */
function problems(guidedScripts: unknown): string[] {
  const r = parseWorkflowConfig({ ...defaultWorkflowInput(), guidedScripts }, 'policy.json');
  return r.ok ? [] : r.problems;
}

const script = (over: Partial<GuidedScript> = {}): GuidedScript => ({
  id: 'verify',
  title: 'Identity verification',
  targetSeconds: 90,
  steps: [
    { id: 'name', label: 'Check the full name', payment: false },
    { id: 'pay', label: 'Take the card payment', payment: true },
  ],
  suggestWhen: { caseCategories: ['Account update'], wrapUpCodes: ['ACCOUNT-UPDATED'] },
  ...over,
});

function ok(result: ReturnType<typeof applyStep>): ScriptRun {
  if (!result.ok) throw new Error(englishOf(result.text));
  return result.run;
}

/** What a refused change says, in English (main's log; the window shows its key in the agent's language). */
function refusalOf(result: { ok: true } | { ok: false; text: UserText }): string | null {
  return result.ok ? null : englishOf(result.text);
}

describe('the shipped guided scripts', () => {
  const { guidedScripts, wrapUpCodes } = defaultWorkflowConfig();
  const byTitle = (title: string) => guidedScripts.find((s) => s.title === title);

  it('ship the 3-minute technical diagnosis with its three checks and a 3-minute target', () => {
    const diagnosis = byTitle('3-minute technical diagnosis');
    expect(diagnosis?.targetSeconds).toBe(180);
    expect(diagnosis?.steps.map((s) => s.id)).toEqual(['service-status', 'account-provisioning', 'device-logs']);
  });

  it('ship the de-escalation sequence in its order: acknowledge, validate, isolate, propose, confirm', () => {
    expect(byTitle('De-escalation')?.steps.map((s) => s.label.split(/[:, ]/)[0])).toEqual([
      'Acknowledge',
      'Validate',
      'Isolate',
      'Propose',
      'Confirm',
    ]);
  });

  it('ship identity verification before an account change, and a card payment with one payment step', () => {
    expect(byTitle('Identity verification before an account change')?.steps.length).toBeGreaterThanOrEqual(2);
    expect(
      byTitle('Take a card payment')
        ?.steps.filter((s) => s.payment)
        .map((s) => s.id),
    ).toEqual(['take-payment']);
  });

  it('suggest only wrap-up codes the shipped catalog has, and categories its codes use', () => {
    const codes = new Set(wrapUpCodes.map((c) => c.code));
    const categories = new Set(wrapUpCodes.map((c) => c.category));
    for (const s of guidedScripts) {
      for (const code of s.suggestWhen.wrapUpCodes) expect(codes, `${s.id}: ${code}`).toContain(code);
      for (const category of s.suggestWhen.caseCategories) expect(categories, `${s.id}: ${category}`).toContain(category);
    }
  });
});

describe('a guidedScripts policy value', () => {
  it('replaces the shipped list', () => {
    const config = workflowFromPolicy({ guidedScripts: [script()] } as never);
    expect(config.guidedScripts.map((s) => s.id)).toEqual(['verify']);
    expect(workflowFromPolicy({} as never).guidedScripts.length).toBe(4);
  });

  it('may be empty: no scripts are offered', () => {
    expect(problems([])).toEqual([]);
  });

  it('is refused with the place and the reason: duplicate ids, empty steps, unknown fields, bad targets', () => {
    expect(problems([script(), script()])).toEqual(['policy.json: guidedScripts[1]: duplicate script id "verify" (also at position 1)']);
    expect(problems([script({ steps: [] })])).toEqual(['policy.json: guidedScripts[0].steps: needs at least one step']);
    expect(
      problems([
        script({
          steps: [
            { id: 'a', label: 'One', payment: false },
            { id: 'A', label: 'Two', payment: false },
          ],
        }),
      ]),
    ).toEqual(['policy.json: guidedScripts[0].steps[1]: duplicate step id "A" (also at position 1)']);
    expect(problems([{ ...script(), owner: 'IT' }])).toEqual([`policy.json: guidedScripts[0]: Unrecognized key: "owner"`]);
    expect(problems([script({ targetSeconds: 5 })])).toEqual(['policy.json: guidedScripts[0].targetSeconds: must be at least 10 seconds']);
    expect(problems([script({ steps: [{ id: 'x', label: '<b>Hi</b>', payment: false }] })])[0]).toMatch(
      /guidedScripts\[0\]\.steps\[0\]\.label: must be plain text/,
    );
  });
});

describe('suggestion', () => {
  const catalog = [
    script(),
    script({ id: 'diag', title: 'Diagnosis', suggestWhen: { caseCategories: ['Technical support'], wrapUpCodes: ['TECH-RESOLVED'] } }),
  ];

  it("follows the case's category, and the wrap-up code first when both match", () => {
    expect(suggestScripts(catalog, { caseCategory: 'technical support', wrapUpCode: null }).map((s) => s.because)).toEqual([
      { kind: 'case-category', category: 'technical support' },
    ]);
    expect(suggestScripts(catalog, { caseCategory: 'Technical support', wrapUpCode: 'ACCOUNT-UPDATED' }).map((s) => s.script.id)).toEqual([
      'verify',
      'diag',
    ]);
    expect(suggestScripts(catalog, { caseCategory: 'Billing', wrapUpCode: null })).toEqual([]);
  });

  it("takes a case's category from its newest coded contact", () => {
    const codes = [
      { code: 'TECH-RESOLVED', category: 'Technical support' },
      { code: 'BILL-EXPLAINED', category: 'Billing' },
    ];
    const contacts = [
      { caseId: 'K-1', startedAt: sec(10), wrapUpCode: 'BILL-EXPLAINED' },
      { caseId: 'K-1', startedAt: sec(20), wrapUpCode: 'TECH-RESOLVED' },
      { caseId: 'K-1', startedAt: sec(30), wrapUpCode: null },
      { caseId: 'K-2', startedAt: sec(40), wrapUpCode: 'BILL-EXPLAINED' },
    ];
    expect(caseCategoryOf('K-1', contacts, codes)).toBe('Technical support');
    expect(caseCategoryOf('K-3', contacts, codes)).toBeNull();
    expect(caseCategoryOf(null, contacts, codes)).toBeNull();
  });
});

describe('a run', () => {
  it('ticks, unticks and starts only a payment step', () => {
    let run = openRun(script(), sec(0));
    expect(applyStep(run, 'name', 'start', sec(1))).toEqual({ ok: false, text: { key: 'agent.scripts.onlyPaymentStarts' } });
    expect(refusalOf(applyStep(run, 'name', 'start', sec(1)))).toBe('Only a payment step is started; tick the others when done.');
    run = ok(applyStep(run, 'name', 'done', sec(5)));
    expect(run.steps[0]?.doneAt).toBe(sec(5));
    run = ok(applyStep(run, 'pay', 'start', sec(10)));
    expect(startedPaymentStep(run)?.id).toBe('pay');
    run = ok(applyStep(run, 'pay', 'done', sec(40)));
    expect(run.steps[1]).toMatchObject({ startedAt: null, doneAt: sec(40) });
    expect(startedPaymentStep(run)).toBeNull();
    run = ok(applyStep(run, 'name', 'undone', sec(41)));
    expect(run.steps[0]?.doneAt).toBeNull();
    expect(refusalOf(applyStep(run, 'nope', 'done', sec(42)))).toBe('"Identity verification" has no step "nope".');
    expect(refusalOf(applyStep(closeRun(run, sec(50)), 'name', 'done', sec(51)))).toBe(
      '"Identity verification" is closed; open it again to carry on.',
    );
  });

  it('is opened once per contact while open, and at most MAX_SCRIPT_RUNS times', () => {
    const first = addRun([], script(), sec(0));
    if (!first.ok) throw new Error(englishOf(first.text));
    const again = addRun(first.runs, script(), sec(1));
    expect(again.ok && again.runs.length).toBe(1);
    const many = Array.from({ length: MAX_SCRIPT_RUNS }, (_, i) => closeRun(openRun(script(), sec(i)), sec(i)));
    expect(refusalOf(addRun(many, script(), sec(99)))).toBe(`A contact can run at most ${MAX_SCRIPT_RUNS} scripts.`);
  });
});

describe('a refused change, in the agent’s language', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('says in German why a step cannot start or change, naming the script and step as IT wrote them', async () => {
    await i18n.changeLanguage('de');
    const run = openRun(script(), sec(0));
    const german = (result: { ok: true } | { ok: false; text: UserText }) => (result.ok ? null : translateUserText(result.text));
    expect(german(applyStep(run, 'name', 'start', sec(1)))).toBe(
      'Nur ein Zahlungsschritt wird gestartet; haken Sie die anderen ab, wenn sie erledigt sind.',
    );
    const paid = ok(applyStep(run, 'pay', 'done', sec(2)));
    expect(german(applyStep(paid, 'pay', 'start', sec(3)))).toBe('Dieser Schritt ist bereits erledigt.');
    expect(german(applyStep(run, 'nope', 'done', sec(4)))).toBe('„Identity verification“ hat keinen Schritt „nope“.');
    expect(german(applyStep(closeRun(run, sec(5)), 'name', 'done', sec(6)))).toBe(
      '„Identity verification“ ist geschlossen; öffnen Sie den Leitfaden erneut, um fortzufahren.',
    );
    const many = Array.from({ length: MAX_SCRIPT_RUNS }, (_, i) => closeRun(openRun(script(), sec(i)), sec(i)));
    expect(german(addRun(many, script(), sec(99)))).toBe(`Zu einem Kontakt können höchstens ${MAX_SCRIPT_RUNS} Leitfäden laufen.`);
  });
});

describe('the timer', () => {
  it('says the time taken against the target in words, and how far over', () => {
    const run = openRun(script(), sec(0));
    expect(readTimer(run, sec(65))).toEqual({ state: 'running', elapsedMs: 65_000, targetMs: 90_000, over: false, overMs: 0 });
    expect(readTimer(run, sec(90))).toMatchObject({ elapsedMs: 90_000, over: false });
    expect(readTimer(run, sec(102))).toEqual({ state: 'running', elapsedMs: 102_000, targetMs: 90_000, over: true, overMs: 12_000 });
  });

  it('stops when every step is ticked, or when the script is closed', () => {
    let run = openRun(script(), sec(0));
    run = ok(applyStep(run, 'name', 'done', sec(20)));
    run = ok(applyStep(run, 'pay', 'done', sec(70)));
    expect(readTimer(run, sec(500))).toEqual({ state: 'done', elapsedMs: 70_000, targetMs: 90_000, over: false, overMs: 0 });
    expect(readTimer(closeRun(openRun(script(), sec(0)), sec(100)), sec(500))).toMatchObject({
      state: 'closed',
      elapsedMs: 100_000,
      overMs: 10_000,
    });
  });
});

describe('the CRM note lines', () => {
  it('name the script, the steps done and the time taken, then one line per step', () => {
    let run = openRun(script(), sec(0));
    run = ok(applyStep(run, 'name', 'done', sec(30)));
    expect(scriptNoteLines([run])).toEqual([
      'Guided script "Identity verification": 1 of 2 steps done, 0:30 (target 1:30)',
      '  [x] Check the full name',
      '  [ ] Take the card payment (payment step)',
    ]);
    expect(scriptNoteLines([])).toEqual([]);
  });
});
