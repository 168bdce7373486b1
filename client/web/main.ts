/**
 * `npm run web`: the web server alone, for production, against the Temporal
 * cluster and the store named in the environment (see README, Configuration).
 */
import { loadEnv } from '../../config/env';
import { storeFromEnv } from '../../store';
import { connectClient } from '../temporal';
import { startWebServer } from './server';

const env = loadEnv();
// The store first, as the worker does: a wrong DUBAN_DATABASE_URL or a schema from a newer duban stops the web server here.
const store = storeFromEnv(env);
await store.ready();
const temporal = await connectClient();
const web = await startWebServer({ env, client: temporal.client, store });
console.log(`duban web ${web.url}, store: ${store.description}`);

async function stop(): Promise<void> {
  await web.close();
  await temporal.close();
  await store.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
