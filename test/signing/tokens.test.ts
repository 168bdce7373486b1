/** Signed tokens without a server: purposes kept apart, tampering and expiry refused, the secret kept once. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { digestLinks, loadSecret, Signer, unitLinkToken, verifyUnitLink, webBaseUrl } from '../../signing';

const signer = new Signer('a-test-secret-a-test-secret-0123456789');
const now = Date.parse('2026-11-30T08:00:00Z');

describe('signed tokens', () => {
  it('a token made for one purpose never passes for another, nor with another secret', () => {
    const token = signer.sign('session', { id: 'zhang', exp: now + 60_000 });
    expect(signer.verify('session', token, now)).toEqual({ id: 'zhang', exp: now + 60_000 });
    expect(signer.verify('unit-link', token, now)).toBeUndefined();
    expect(new Signer('another-secret-another-secret-0123456789').verify('session', token, now)).toBeUndefined();
  });

  it('an altered body or signature, a malformed token and an expired one are all refused', () => {
    const token = signer.sign('session', { id: 'zhang', exp: now + 60_000 });
    const [body, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ id: 'admin', exp: now + 60_000 })).toString('base64url');
    expect(signer.verify('session', `${forged}.${mac}`, now)).toBeUndefined();
    expect(signer.verify('session', `${body}.${mac.slice(0, -2)}xx`, now)).toBeUndefined();
    expect(signer.verify('session', body, now)).toBeUndefined();
    expect(signer.verify('session', undefined, now)).toBeUndefined();
    expect(signer.verify('session', token, now + 60_000)).toBeUndefined();
  });

  it("a form's CSRF token is valid only for its own sign-in", () => {
    const csrf = signer.csrfToken('sid-1');
    expect(signer.csrfValid('sid-1', csrf)).toBe(true);
    expect(signer.csrfValid('sid-2', csrf)).toBe(false);
    expect(signer.csrfValid('sid-1', undefined)).toBe(false);
  });

  it("a unit's link names its unit and lasts the days it was made for", () => {
    const { token, expires } = unitLinkToken(signer, 'fgj', 7, now);
    expect(expires.toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(verifyUnitLink(signer, token)).toEqual({ unit: 'fgj', exp: expires.getTime() });
    expect(verifyUnitLink(signer, signer.sign('session', { unit: 'fgj', exp: expires.getTime() }))).toBeUndefined();
    expect(verifyUnitLink(signer, unitLinkToken(signer, 'fgj', 7, now - 8 * 86_400_000).token)).toBeUndefined();
  });
});

describe('the secret and the links in a digest', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dataDir = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'duban-signing-'));
    dirs.push(d);
    return d;
  };

  it('DUBAN_SECRET when set; otherwise one made once, kept readable by its owner only, and the same ever after', () => {
    const dir = dataDir();
    expect(loadSecret({ DUBAN_SECRET: 'from-the-environment', DUBAN_DATA_DIR: dir })).toBe('from-the-environment');
    const made = loadSecret({ DUBAN_DATA_DIR: dir });
    expect(made).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(path.join(dir, 'web-secret')).mode & 0o777).toBe(0o600);
    expect(loadSecret({ DUBAN_DATA_DIR: dir })).toBe(made);
  });

  it("a digest's links open the unit's page and its extension form, signed for that unit", () => {
    const env = { DUBAN_WEB_URL: 'https://duban.example.gov.cn/', DUBAN_HTTP_HOST: '127.0.0.1', DUBAN_HTTP_PORT: 8080, DUBAN_SECRET: 'digest-secret-digest-secret-0123456789', DUBAN_DATA_DIR: dataDir() };
    expect(webBaseUrl(env)).toBe('https://duban.example.gov.cn');
    expect(webBaseUrl({ ...env, DUBAN_WEB_URL: undefined })).toBe('http://127.0.0.1:8080');
    const links = digestLinks(env);
    const report = links.report('swj');
    expect(report).toMatch(/^https:\/\/duban\.example\.gov\.cn\/u\/[\w-]+\.[\w-]+$/);
    expect(links.extend('swj')).toMatch(/^https:\/\/duban\.example\.gov\.cn\/u\/[\w-]+\.[\w-]+#extension$/);
    expect(verifyUnitLink(new Signer(env.DUBAN_SECRET), report.split('/u/')[1]!)?.unit).toBe('swj');
  });
});
