import { createServer, type AddressInfo } from 'node:net';

/**
 * A port nothing on 127.0.0.1 listens on now, for a listener that must be on a port known in
 * advance (a sign-in callback: Salesforce matches callback URLs exactly, port included).
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
