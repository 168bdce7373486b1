/**
 * Signed tokens, shared by every part that vouches for someone: the web
 * server (session cookies, form CSRF tokens, a unit's link), `duban link`
 * and the worker (the links in a unit's digest). Each is an HMAC-SHA256 with
 * DUBAN_SECRET over its purpose and body, so a token made for one purpose
 * never passes for another and an altered one fails; links and sessions
 * carry their expiry inside what is signed.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Purpose = 'session' | 'unit-link' | 'csrf';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export class Signer {
  constructor(private readonly secret: string) {}

  private mac(purpose: Purpose, body: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${body}`).digest('base64url');
  }

  sign(purpose: Purpose, payload: object): string {
    const body = b64(JSON.stringify(payload));
    return `${body}.${this.mac(purpose, body)}`;
  }

  /** The payload when the token is intact and unexpired; undefined otherwise (which of the two is not told). */
  verify<T extends { exp: number }>(purpose: Purpose, token: string | undefined, now = Date.now()): T | undefined {
    if (!token) return undefined;
    const [body, mac] = token.split('.');
    if (!body || !mac || !equal(mac, this.mac(purpose, body))) return undefined;
    try {
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
      return typeof payload.exp === 'number' && payload.exp > now ? payload : undefined;
    } catch {
      return undefined;
    }
  }

  /** The form token of one sign-in: a page's forms carry it, a cross-site form cannot know it. */
  csrfToken(sid: string): string {
    return this.mac('csrf', sid);
  }

  csrfValid(sid: string, token: string | undefined): boolean {
    return token !== undefined && equal(token, this.csrfToken(sid));
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A unit's link token: its unit and expiry, signed. `duban link` prints it inside the URL `/u/<token>`. */
export function unitLinkToken(signer: Signer, unitId: string, days: number, now = Date.now()): { token: string; expires: Date } {
  const exp = now + days * 86_400_000;
  return { token: signer.sign('unit-link', { unit: unitId, exp }), expires: new Date(exp) };
}

export function verifyUnitLink(signer: Signer, token: string): { unit: string; exp: number } | undefined {
  const payload = signer.verify<{ unit: unknown; exp: number }>('unit-link', token);
  return payload && typeof payload.unit === 'string' ? { unit: payload.unit, exp: payload.exp } : undefined;
}

/**
 * DUBAN_SECRET when set; otherwise the embedded default's own secret, made
 * once and kept in `<dataDir>/web-secret` (mode 0600), so links stay valid
 * across restarts of `npm start`.
 */
export function loadSecret(env: { DUBAN_SECRET?: string; DUBAN_DATA_DIR: string }): string {
  if (env.DUBAN_SECRET) return env.DUBAN_SECRET;
  const file = path.join(env.DUBAN_DATA_DIR, 'web-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(env.DUBAN_DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** Where people reach the web pages: DUBAN_WEB_URL, else the local server's own address. */
export function webBaseUrl(env: { DUBAN_WEB_URL?: string; DUBAN_HTTP_HOST: string; DUBAN_HTTP_PORT: number }): string {
  return (env.DUBAN_WEB_URL ?? `http://${env.DUBAN_HTTP_HOST}:${env.DUBAN_HTTP_PORT}`).replace(/\/$/, '');
}

/** How long a unit link in a digest stays valid: past the next few mornings' digests, not the whole year. */
const DIGEST_LINK_DAYS = 14;

/** Signed links to a unit's page for the digests: report (the page itself) and ask for an extension (its form). */
export function digestLinks(env: Parameters<typeof webBaseUrl>[0] & Parameters<typeof loadSecret>[0]): { report(unitId: string): string; extend(unitId: string): string } {
  const signer = new Signer(loadSecret(env));
  const page = (unitId: string) => `${webBaseUrl(env)}/u/${unitLinkToken(signer, unitId, DIGEST_LINK_DAYS).token}`;
  return { report: page, extend: (unitId) => `${page(unitId)}#extension` };
}
