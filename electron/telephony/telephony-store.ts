import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DEVICE_PREFS, devicePrefsSchema, type DevicePrefs } from '../../shared/telephony/model';
import type { Logger } from '../logging/logger';

/** The account as entered in the app (no password: that is in the SecretStore). */
export const storedAccountSchema = z.strictObject({
  server: z.string().max(300),
  backupServer: z.string().max(300).nullable(),
  domain: z.string().max(253),
  username: z.string().max(64),
  authUsername: z.string().max(64).nullable(),
  displayName: z.string().max(64).nullable(),
});
export type StoredAccount = z.output<typeof storedAccountSchema>;

/** The part of an account that is remembered: the address and names, never the password. */
export function storedAccountOf(account: StoredAccount): StoredAccount {
  return {
    server: account.server,
    backupServer: account.backupServer,
    domain: account.domain,
    username: account.username,
    authUsername: account.authUsername,
    displayName: account.displayName,
  };
}

const fileSchema = z.strictObject({
  version: z.literal(1),
  account: storedAccountSchema.nullable(),
  devices: devicePrefsSchema,
});
type TelephonyFile = z.output<typeof fileSchema>;

/**
 * What telephony remembers between runs on this machine: the account the
 * agent entered in the app (until IT policy provides one) and the audio
 * device choices. One small JSON file, written atomically.
 */
export class TelephonyStore {
  private data: TelephonyFile = { version: 1, account: null, devices: DEFAULT_DEVICE_PREFS };

  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {}

  load(): void {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn('could not read telephony settings', { error: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const checked = fileSchema.safeParse(parsed);
    if (!checked.success) {
      // Keep the bad file for diagnosis instead of overwriting it silently.
      const aside = `${this.file}.unreadable-${Date.now()}`;
      try {
        renameSync(this.file, aside);
      } catch {
        // Nothing more to do: we start from defaults either way.
      }
      this.log.warn('telephony settings file was unreadable; starting from defaults', { keptAs: path.basename(aside) });
      return;
    }
    this.data = checked.data;
  }

  get account(): StoredAccount | null {
    return this.data.account;
  }

  get devices(): DevicePrefs {
    return this.data.devices;
  }

  setAccount(account: StoredAccount | null): void {
    this.data = { ...this.data, account };
    this.save();
  }

  setDevices(devices: DevicePrefs): void {
    this.data = { ...this.data, devices };
    this.save();
  }

  private save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(this.data, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
