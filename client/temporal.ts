/**
 * The Temporal client for the CLI and the HTTP server. With no flags and no
 * variables it reaches the system `npm start` runs.
 */
import { Client, Connection } from '@temporalio/client';
import { loadEnv } from '../config/env';
import { temporalTarget } from '../config/temporal';
import { UserFacingError } from './errors';

export interface DubanClient {
  client: Client;
  taskQueue: string;
  close(): Promise<void>;
}

export async function connectClient(): Promise<DubanClient> {
  const env = loadEnv();
  const target = temporalTarget(`127.0.0.1:${env.DUBAN_TEMPORAL_PORT}`);
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...target.connectionOptions, connectTimeout: 5_000 } as Parameters<typeof Connection.connect>[0]);
  } catch (err) {
    throw new UserFacingError(`无法连接 Temporal 服务（${target.connectionOptions.address}）：请先运行 npm start，或检查 TEMPORAL_ADDRESS。(${(err as Error).message})`);
  }
  return {
    client: new Client({ connection, namespace: target.namespace }),
    taskQueue: env.DUBAN_TASK_QUEUE,
    close: () => connection.close(),
  };
}
