/** Policy keys for the app itself: updates, logging and security. */
import * as z from 'zod';
import { rule, oneOf } from '../rule-text';
import { httpsUrl, define, UPDATE_CHANNELS, POLICY_LOG_LEVELS } from '../key-definition';

export const APP_KEYS = {
  autoUpdate: define({
    section: 'Updates',
    title: 'Automatic updates',
    description: 'Download and install updates automatically. Always off for MSI installs (update those with your software distribution).',
    kind: 'boolean',
    schema: z.boolean({ error: rule('policy.rule.trueOrFalse') }),
    builtin: true,
    example: 'false',
  }),
  updateChannel: define({
    section: 'Updates',
    title: 'Update channel',
    description: 'Which releases to update to: stable or beta.',
    kind: 'string',
    schema: z.enum(UPDATE_CHANNELS, { error: oneOf(UPDATE_CHANNELS) }),
    builtin: 'stable',
    example: 'stable',
  }),
  updateUrl: define({
    section: 'Updates',
    title: 'Update server',
    description: 'The https:// address updates are downloaded from (an electron-updater "generic" feed). Not set: no update checks.',
    kind: 'string',
    schema: httpsUrl('https://updates.example.com/switchboard'),
    builtin: null,
    example: 'https://updates.example.com/switchboard',
  }),
  logLevel: define({
    section: 'Logging and security',
    title: 'Log level',
    description: 'How much goes into the log files: debug, info, warn or error. Logs never hold passwords, tokens or call content.',
    kind: 'string',
    schema: z.enum(POLICY_LOG_LEVELS, { error: rule('policy.rule.oneOfList', { list: POLICY_LOG_LEVELS.join(', ') }) }),
    builtin: 'info',
    example: 'info',
  }),
  encryptionRequired: define({
    section: 'Logging and security',
    title: 'Encryption required',
    description:
      'Refuse unencrypted connections: ws:// SIP servers and http:// sync servers are not used or saved, whoever set them (also settings saved before the policy). Only this computer (localhost, 127.x.x.x, ::1) may be reached without encryption.',
    kind: 'boolean',
    schema: z.boolean({ error: rule('policy.rule.trueOrFalse') }),
    builtin: false,
    example: 'true',
  }),
  extraCaFile: define({
    section: 'Logging and security',
    title: 'Extra CA certificates',
    description:
      'The full path of a PEM file with certificate authorities to trust for the SIP server (wss://) and the CRM sync server (https://), e.g. your corporate CA, besides those built in and (where the app can read it) the operating system store. A file that is missing or not PEM is reported as a policy problem; the other CAs are still used.',
    kind: 'string',
    schema: z
      .string()
      .trim()
      .max(1000, rule('policy.rule.atMostCharacters', { maximum: 1000 }))
      // shared/ has no path module; a full path is /… (macOS, Linux), C:\… or \\server\share\… (Windows).
      .regex(/^(?:\/|[A-Za-z]:[\\/]|\\\\[^\\])/, rule('policy.rule.pemPath')),
    builtin: null,
    example: 'C:\\ProgramData\\Corp\\corp-ca.pem',
  }),
} as const;
