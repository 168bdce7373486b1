/**
 * Temporal connection settings, read from the environment the way the
 * Temporal CLI reads them (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_API_KEY, a TOML profile …).
 */
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';

export interface TemporalTarget {
  connectionOptions: NativeConnectionOptions;
  namespace: string;
}

export function temporalTarget(defaultAddress = 'localhost:7233'): TemporalTarget {
  const { connectionOptions, namespace } = loadClientConnectConfig();
  return {
    connectionOptions: { ...connectionOptions, address: connectionOptions.address ?? defaultAddress },
    namespace: namespace ?? 'default',
  };
}
