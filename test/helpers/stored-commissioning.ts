// A commissioning as the bench stores it, for tests of what its view says (viewOf): one run started at
// RUN_START, finished with every step, unless `over` says otherwise (`run` patches that run).
import { emptyChecklist, type StoredCommissioning } from '../../src/main/commissioning/model';
import { builtInTemplates } from '../../src/shared/api/commissioning';

export const RUN_START = '2026-01-01T10:00:00.000Z';

type Run = StoredCommissioning['runs'][number];

export function storedCommissioning(over: Partial<Omit<StoredCommissioning, 'runs'>> & { run?: Partial<Run> } = {}): StoredCommissioning {
  const { run, ...rest } = over;
  const steps = rest.steps ?? [];
  return {
    id: 'c-1',
    chargerId: 'CP001',
    virtual: true,
    job: { site: 'Depot', address: '', location: 'Bay 1', installer: 'A. Person', company: '', customer: '' },
    template: builtInTemplates[0]!,
    createdAt: RUN_START,
    updatedAt: RUN_START,
    state: 'finished',
    identity: { vendor: null, model: null, firmware: null, serial: null },
    configBefore: null,
    configAfter: null,
    checklist: emptyChecklist(),
    session: null,
    handover: null,
    pics: null,
    runError: null,
    ...rest,
    steps,
    runs: [{ startedAt: RUN_START, finishedAt: '2026-01-01T10:09:00.000Z', outcome: 'finished', steps: steps.map((s) => s.id), stoppedIn: null, ...run } as Run],
  } as unknown as StoredCommissioning;
}
