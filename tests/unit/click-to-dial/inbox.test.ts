import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialInboxDir, dropDialLink, watchDialInbox } from '../../../electron/click-to-dial/inbox';

describe('dial inbox (web shell second-launch hand-off)', () => {
  it('hands links dropped before and after start to the running host, once each, oldest first', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-inbox-'));
    dropDialLink(dataDir, 'tel:+15550000001');
    const got: string[] = [];
    const stop = watchDialInbox(dataDir, (link) => got.push(link));
    expect(got).toEqual(['tel:+15550000001']);
    dropDialLink(dataDir, 'sip:alice@example.com');
    await expect.poll(() => got, { timeout: 10_000 }).toEqual(['tel:+15550000001', 'sip:alice@example.com']);
    stop();
    expect(readdirSync(dialInboxDir(dataDir))).toEqual([]);
    expect(statSync(dialInboxDir(dataDir)).mode & 0o077).toBe(0);
  });
});
