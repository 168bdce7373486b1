/**
 * vitest setupFiles: tests talk only to the servers they start.
 *
 * Before each test file the TEMPORAL_* variables of the shell that ran vitest
 * are dropped (a profile, namespace or API key meant for a real cluster must
 * not reach a test), and TEMPORAL_ADDRESS is pointed at a trap: a local
 * socket that hangs up on whoever connects and fails the test that did. A CLI
 * spawned without the test's own address, or code connecting through
 * config/temporal.ts with none, then fails loudly instead of reaching the
 * `npm start` beside it on 127.0.0.1:7233 (it once batch-signalled 81 live
 * workflows that way).
 */
import net from 'node:net';
import { afterAll, afterEach } from 'vitest';

for (const key of Object.keys(process.env)) if (key.startsWith('TEMPORAL_')) delete process.env[key];

let reached = 0;
const trap = net.createServer((socket) => {
  reached++;
  socket.destroy();
});
await new Promise<void>((resolve, reject) => {
  trap.once('error', reject);
  trap.listen(0, '127.0.0.1', resolve);
});
trap.unref();
export const trapAddress = `127.0.0.1:${(trap.address() as net.AddressInfo).port}`;
process.env.TEMPORAL_ADDRESS = trapAddress;

async function failIfReached(): Promise<void> {
  // A CLI run with spawnSync connected while this process was blocked: let the pending accept through first.
  await new Promise((resolve) => setImmediate(resolve));
  if (reached === 0) return;
  const times = reached;
  reached = 0;
  throw new Error(
    `something connected ${times}× to Temporal without the test's own address (it got the guard's ${trapAddress}; ` +
      `outside tests it would have reached the default 127.0.0.1:7233): pass TEMPORAL_ADDRESS to every CLI run`,
  );
}

afterEach(failIfReached);
afterAll(failIfReached);
