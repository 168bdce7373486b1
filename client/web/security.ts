/**
 * Who is asking: every token the web server hands out (a session cookie, a
 * unit's link, a form's CSRF token) is signed (signing/). A signed session is
 * not enough on its own: its id must also be live in the store
 * (store/sessions.ts), which is what lets a sign-out, or a new password, end
 * it on every web server. Staff passwords are argon2id hashes in the store,
 * and failed sign-ins are counted there too.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Role } from '../../domain/accountability';
import type { SignInFailures } from '../../store';

/** The signed-in person or the unit a link was made for: the actor of everything they do. */
export interface Principal {
  role: Role;
  /** A staff account's id; for a unit, its unit id. */
  id: string;
  /** A unit's id (role unit). */
  unitId?: string;
  /** For the log: the account id, or the unit's name. */
  name: string;
  /** A random id per sign-in; the store keeps its hash while the session is live, the CSRF token is bound to it. */
  sid: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

export const newSid = () => randomBytes(12).toString('base64url');

export const hashPassword = (password: string) => hash(password);

export async function passwordMatches(hashed: string, password: string): Promise<boolean> {
  return verify(hashed, password).catch(() => false);
}

/**
 * Wrong passwords per account and per address within a sliding minute: the
 * sixth attempt at an account after five failures is refused (429) before
 * the password is even checked. The failures are kept in the store, so the
 * limit holds however the proxy spreads the attempts over web servers.
 */
export class SignInLimiter {
  /** `max` failures a window per account (`user:` keys); `maxPerAddress` for `ip:` keys. */
  constructor(
    private readonly failures: SignInFailures,
    private readonly max = 5,
    private readonly maxPerAddress = 50,
    private readonly windowMs = 60_000,
  ) {}

  private limit(key: string): number {
    return key.startsWith('ip:') ? this.maxPerAddress : this.max;
  }

  /** Seconds to wait, or 0 when these keys may try. */
  async blockedFor(keys: string[], now = Date.now()): Promise<number> {
    let wait = 0;
    for (const [key, { count, oldest }] of await this.failures.recent(keys, now - this.windowMs)) {
      if (count >= this.limit(key)) wait = Math.max(wait, Math.ceil((oldest + this.windowMs - now) / 1000));
    }
    return wait;
  }

  /** Counts a failure of each key; failures older than the window are forgotten on the way. */
  fail(keys: string[], now = Date.now()): Promise<void> {
    return this.failures.add(keys, now, now - this.windowMs);
  }
}
