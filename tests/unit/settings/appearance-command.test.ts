import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../electron/bridge/bridge-server';
import { buildPolicyState, createPolicyFeature } from '../../../electron/policy/policy-service';
import { BridgeError } from '../../../shared/bridge/errors';
import type { PolicyView } from '../../../shared/policy/contract';
import type { PolicySourceReading } from '../../../shared/policy/resolve';
import { openSettings, policyReading } from '../../support/settings';

/**
 * `policy.setAppearance`, the command behind Settings' theme and language: it saves the agent's
 * choice, answers with the settings as they now are, and refuses what IT enforces.
 */

let dataDir = '';
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-appearance-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const context = {} as CommandContext;

function setAppearanceWith(readings: PolicySourceReading[]) {
  const feature = createPolicyFeature({ bridge: { emit: () => undefined }, state: buildPolicyState(openSettings(dataDir, readings)) });
  const handler = feature.handlers['policy.setAppearance'];
  if (!handler) throw new Error('policy.setAppearance is not handled');
  return (change: { theme?: 'system' | 'light' | 'dark'; language?: 'system' | 'en' | 'de' }) => handler(change, context) as PolicyView;
}

const entry = (view: PolicyView, key: string) => view.entries.find((e) => e.key === key);

describe('policy.setAppearance', () => {
  it("saves the agent's theme and answers with it in effect, over IT's default", () => {
    const set = setAppearanceWith([policyReading({ theme: 'light' })]);
    const view = set({ theme: 'dark' });
    expect(entry(view, 'theme')).toMatchObject({ value: 'dark', origin: 'user', locked: false, section: 'Appearance' });
    expect(entry(view, 'language')).toMatchObject({ value: 'system', origin: 'built-in' });
    expect(JSON.parse(readFileSync(path.join(dataDir, 'appearance.json'), 'utf8'))).toEqual({ theme: 'dark' });
  });

  it('refuses a locked setting as forbidden, with a sentence for the agent, and changes nothing', () => {
    const set = setAppearanceWith([policyReading({}, { language: 'en' })]);
    let thrown: unknown;
    try {
      set({ language: 'de' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BridgeError);
    expect(thrown).toMatchObject({ code: 'forbidden', message: 'The language is set by your IT department and cannot be changed.' });
    expect(entry(set({}), 'language')).toMatchObject({ value: 'en', origin: 'enforced', locked: true });
  });
});
