// The placeholder page: the name, and the bench status when running inside the Electron app.
import { useEffect, useState } from 'react';
import type { BenchStatus } from '../../shared/api/status';

type Shown = { kind: 'loading' } | { kind: 'status'; status: BenchStatus } | { kind: 'error'; message: string } | { kind: 'noBridge' };

export function App() {
  const [shown, setShown] = useState<Shown>(() => (window.chargebench ? { kind: 'loading' } : { kind: 'noBridge' }));

  useEffect(() => {
    const bridge = window.chargebench;
    if (!bridge) return;
    let live = true;
    const refresh = () =>
      bridge.getStatus().then(
        (status) => live && setShown({ kind: 'status', status }),
        (e: unknown) => live && setShown({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
    void refresh();
    // Polling is enough for a placeholder; the full UI will listen to pushed events instead.
    const timer = setInterval(refresh, 2000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
      <h1>ChargeBench</h1>
      {shown.kind === 'noBridge' && <p>UI coming soon</p>}
      {shown.kind === 'loading' && <p>Loading status…</p>}
      {shown.kind === 'error' && <p>Could not read the bench status: {shown.message}</p>}
      {shown.kind === 'status' && (
        <dl>
          <dt>Version</dt>
          <dd>{shown.status.version}</dd>
          <dt>Chargers connect to</dt>
          <dd>
            ws://&lt;this machine&gt;:{shown.status.port}/ocpp/&lt;chargePointId&gt;
          </dd>
          <dt>Connected chargers</dt>
          <dd>{shown.status.connectedChargers.length ? shown.status.connectedChargers.join(', ') : 'none'}</dd>
        </dl>
      )}
    </main>
  );
}
