import { baseUrl } from './browser.ts';

/** A signed-in API client (session cookie + CSRF token), for what a browser test sets up rather than shows. */
export async function apiAs(username: string, password = 'demo1234') {
  const res = await fetch(`${baseUrl()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = await (await fetch(`${baseUrl()}/api/auth/me`, { headers: { cookie } })).json() as { csrfToken: string; canteens: { id: number; name: string }[] };
  const call = async <T>(method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseUrl()}${path}`, { method, headers: { cookie, 'x-csrf-token': me.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, body: await r.json() as T };
  };
  return { canteen: me.canteens[0]!, get: <T>(p: string) => call<T>('GET', p), post: <T>(p: string, b?: unknown) => call<T>('POST', p, b ?? {}) };
}
