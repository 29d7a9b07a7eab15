// The bench UI: picks the transport (IPC in the desktop app, HTTP + WebSocket in a browser), signs in
// when served, and routes between the screens.
import { useEffect, useMemo, useState } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import type { BenchClient } from '../api/client';
import { ClientContext } from '../api/context';
import { httpClient, signIn as startSession, signedIn } from '../api/http-client';
import { ipcClient } from '../api/ipc-client';
import { connectStore, useBench } from '../stores/bench';
import { Layout } from './Layout';
import { SignIn } from './SignIn';
import { makeTheme, useThemeMode } from './theme';
import { paths, routes } from './routes';
import { ChargerDetailScreen, ChargersScreen, SettingsScreen, TransactionDetailScreen, TransactionsScreen } from './screens';
import { ConnectScreen } from '../features/connect/ConnectScreen';
import { LogScreen } from '../features/log/LogScreen';
import { VirtualChargersScreen } from '../features/virtual/VirtualChargersScreen';
import { CompareScreen } from '../features/test-runs/CompareScreen';
import { OperatorPrompts } from '../features/test-runs/OperatorPrompts';
import { RunScreen } from '../features/test-runs/RunScreen';
import { TestRunsScreen } from '../features/test-runs/TestRunsScreen';
import { CommissioningHome } from '../features/commissioning/CommissioningHome';
import { CommissioningPrompts } from '../features/commissioning/CommissioningPrompts';
import { SiteSummaryScreen } from '../features/commissioning/SiteSummaryScreen';
import { WizardScreen } from '../features/commissioning/WizardScreen';

export function BenchRoutes() {
  return (
    <Routes>
      <Route path={routes.home} element={<Navigate to={paths.chargers()} replace />} />
      <Route path={routes.connect} element={<ConnectScreen />} />
      <Route path={routes.chargers} element={<ChargersScreen />} />
      <Route path={routes.charger} element={<ChargerDetailScreen />} />
      <Route path={routes.log} element={<LogScreen />} />
      <Route path={routes.transactions} element={<TransactionsScreen />} />
      <Route path={routes.transaction} element={<TransactionDetailScreen />} />
      <Route path={routes.virtual} element={<VirtualChargersScreen />} />
      <Route path={routes.testRuns} element={<TestRunsScreen />} />
      <Route path={routes.compareRuns} element={<CompareScreen />} />
      <Route path={routes.testRun} element={<RunScreen />} />
      <Route path={routes.commissioning} element={<CommissioningHome />} />
      <Route path={routes.commissioningNew} element={<WizardScreen />} />
      <Route path={routes.commissioningSite} element={<SiteSummaryScreen />} />
      <Route path={routes.commissioningOne} element={<WizardScreen />} />
      <Route path={routes.settings} element={<SettingsScreen />} />
      <Route path="*" element={<Navigate to={paths.chargers()} replace />} />
    </Routes>
  );
}

/** Connects the store to a client and renders the screens. */
export function Bench({ client }: { client: BenchClient }) {
  useEffect(() => connectStore(client), [client]);
  return (
    <ClientContext.Provider value={client}>
      <HashRouter>
        <Layout>
          <BenchRoutes />
        </Layout>
        {/* A conformance run's request to the person at the charger, over whichever screen is open. */}
        <OperatorPrompts />
        <CommissioningPrompts />
      </HashRouter>
    </ClientContext.Provider>
  );
}

type Session = { kind: 'checking' } | { kind: 'signIn'; rejected: boolean } | { kind: 'ready'; client: BenchClient };

export function App() {
  const mode = useThemeMode((s) => s.mode);
  const theme = useMemo(() => makeTheme(mode), [mode]);
  const [session, setSession] = useState<Session>(() => (window.chargebench ? { kind: 'ready', client: ipcClient(window.chargebench) } : { kind: 'checking' }));
  const link = useBench((s) => s.link);

  const signIn = async (token: string): Promise<boolean> => {
    if (!(await startSession(location.origin, token))) return false;
    setSession({ kind: 'ready', client: httpClient(location.origin) });
    return true;
  };

  // serve's link (/?token=) has already been traded for the session cookie by the bench.
  useEffect(() => {
    if (session.kind !== 'checking') return;
    void signedIn(location.origin).then((ok) => setSession(ok ? { kind: 'ready', client: httpClient(location.origin) } : { kind: 'signIn', rejected: false }));
  }, [session.kind]);

  // The session stopped working (the token changed): ask again.
  useEffect(() => {
    if (link !== 'unauthorised' || session.kind !== 'ready' || session.client.face !== 'serve') return;
    session.client.close();
    setSession({ kind: 'signIn', rejected: true });
  }, [link, session]);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {session.kind === 'ready' && <Bench client={session.client} />}
      {session.kind === 'signIn' && <SignIn onToken={signIn} rejected={session.rejected} />}
    </ThemeProvider>
  );
}
