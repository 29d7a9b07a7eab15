// The client the screens call through, handed down by React context (tests give a fake one).
import { createContext, useContext } from 'react';
import type { BenchClient } from './client';

export const ClientContext = createContext<BenchClient | null>(null);

export function useClient(): BenchClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() outside <ClientContext.Provider>');
  return client;
}
