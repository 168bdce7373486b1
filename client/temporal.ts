/**
 * The Temporal client for the CLI and the HTTP server. With no flags and no
 * variables it reaches the system `npm start` runs.
 */
import net from 'node:net';
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
  const address = target.connectionOptions.address!;
  let connection: Connection;
  try {
    // gRPC keeps retrying a closed port until its deadline; a plain TCP probe says "nobody there" at once.
    await probeTcp(address, 3_000);
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

/** Connects, hands the client to `act`, and closes the connection whatever happens: every command that talks to Temporal. */
export async function withTemporal<T>(act: (temporal: DubanClient) => Promise<T>): Promise<T> {
  const temporal = await connectClient();
  try {
    return await act(temporal);
  } finally {
    await temporal.close();
  }
}

function probeTcp(address: string, timeoutMs: number): Promise<void> {
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(address.slice(at + 1));
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer from ${address} within ${timeoutMs} ms`));
    });
    socket.once('error', reject);
  });
}
