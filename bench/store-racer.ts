/**
 * One racing worker of `npm run bench store`, as its own process: opens the
 * store it is told, waits for "go", then claims every key (8 in flight, as a
 * worker runs several mail activities at once) and marks the ones it won as
 * sent, as sendReminder does. Reports what it won and how long it took.
 */
import { openPostgresStore, openStore, type Store } from '../store';

export interface RacerRequest {
  store: { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string };
  keys: string[];
  owner: string;
}

export interface RacerReport {
  won: string[];
  busy: number;
  alreadySent: number;
  ms: number;
}

const IN_FLIGHT = 8;

async function race(store: Store, request: RacerRequest): Promise<RacerReport> {
  const report: RacerReport = { won: [], busy: 0, alreadySent: 0, ms: 0 };
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < request.keys.length) {
      const key = request.keys[next++]!;
      const claim = await store.sentLog.claim(key, request.owner, 60_000);
      if (claim.outcome === 'claimed') {
        report.won.push(key);
        await store.sentLog.markSent({ key, messageId: `<${key}@bench>`, sentAt: new Date().toISOString(), recipients: ['bench@duban.test'] });
      } else if (claim.outcome === 'busy') report.busy++;
      else report.alreadySent++;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  report.ms = performance.now() - started;
  return report;
}

process.once('message', (request: RacerRequest) => {
  void (async () => {
    const store = request.store.kind === 'sqlite' ? openStore({ dataDir: request.store.dataDir }) : openPostgresStore(request.store.url);
    await store.ready();
    process.send!('ready');
    process.once('message', () => {
      void race(store, request).then(async (report) => {
        await store.close();
        process.send!(report, () => process.exit(0));
      });
    });
  })();
});
