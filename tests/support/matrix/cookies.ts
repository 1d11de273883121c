import assert from 'node:assert/strict';
import { namespace } from '../api.ts';
import { testSite } from '../test-site.ts';

/** Logs in through wp-login.php like a browser and returns the Cookie header of the session. */
export async function logInCookie(login: string, password: string): Promise<string> {
  const { url } = testSite();
  const response = await fetch(`${url}/wp-login.php`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
    body: new URLSearchParams({ log: login, pwd: password, 'wp-submit': 'Log In', redirect_to: `${url}/wp-admin/`, testcookie: '1' }),
  });
  assert.equal(response.status, 302, 'wp-login.php redirects after a successful login');
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
  assert.ok(cookies.some((cookie) => cookie.startsWith('wordpress_logged_in_')), cookies.join('; '));
  return cookies.join('; ');
}

/** A REST request with a session cookie, and with `nonce` as X-WP-Nonce when given. */
export async function cookieApi(cookie: string, method: string, path: string, nonce?: string, body?: unknown) {
  const headers: Record<string, string> = { Accept: 'application/json', Cookie: cookie };
  if (nonce !== undefined) headers['X-WP-Nonce'] = nonce;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${testSite().url}${namespace}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as { code?: string; id?: number; rights?: string[] } };
}
