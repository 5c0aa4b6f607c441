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
    // A poll an hour apart: what arrives within the test came from the file system's own event.
    const stop = watchDialInbox(dataDir, (link) => got.push(link), { pollMs: 3_600_000 });
    expect(got).toEqual(['tel:+15550000001']);
    dropDialLink(dataDir, 'sip:alice@example.com');
    await expect.poll(() => got, { timeout: 10_000 }).toEqual(['tel:+15550000001', 'sip:alice@example.com']);
    stop();
    expect(readdirSync(dialInboxDir(dataDir))).toEqual([]);
    expect(statSync(dialInboxDir(dataDir)).mode & 0o077).toBe(0);
  });

  it('reads the inbox on a poll where the file system cannot be watched', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-inbox-'));
    const got: string[] = [];
    const stop = watchDialInbox(dataDir, (link) => got.push(link), { watch: false, pollMs: 50 });
    dropDialLink(dataDir, 'tel:+15550000002');
    await expect.poll(() => got, { timeout: 10_000 }).toEqual(['tel:+15550000002']);
    stop();
    expect(readdirSync(dialInboxDir(dataDir))).toEqual([]);
  });
});
