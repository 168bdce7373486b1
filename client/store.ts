/**
 * The store the CLI works with, built from the environment on first use;
 * `cli.ts` closes it when the command is done.
 */
import { loadEnv } from '../config/env';
import { storeFromEnv, type Store } from '../store';

let store: Store | undefined;

export function cliStore(): Store {
  return (store ??= storeFromEnv(loadEnv()));
}

export async function closeCliStore(): Promise<void> {
  await store?.close();
  store = undefined;
}
