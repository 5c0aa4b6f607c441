import { createContext, useContext } from 'react';
import type { BridgeClient } from '../bridge/client';

export const BridgeContext = createContext<BridgeClient | null>(null);

export function useBridge(): BridgeClient {
  const client = useContext(BridgeContext);
  if (!client) throw new Error('useBridge outside BridgeContext');
  return client;
}
