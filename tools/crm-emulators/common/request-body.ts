import type { IncomingMessage } from 'node:http';

/** What an emulator accepts in one request body; more is refused with the service's 413. */
export const BODY_LIMIT = 10 * 1024 * 1024;

/** The whole request body, or `tooLarge()` thrown as soon as it passes BODY_LIMIT. */
export async function readCappedBody(req: IncomingMessage, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
