import { baseUrl } from './browser.ts';

/** A signed-in API client (session cookie + CSRF token), for what a browser test sets up rather than shows: answers as {status, body}. */
export async function apiAs(username: string, password = 'demo1234') {
  const res = await fetch(`${baseUrl()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = await (await fetch(`${baseUrl()}/api/auth/me`, { headers: { cookie } })).json() as { csrfToken: string; canteens: { id: number; name: string }[] };
  const call = async <T>(method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseUrl()}${path}`, { method, headers: { cookie, 'x-csrf-token': me.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, body: await r.json() as T };
  };
  return { canteen: me.canteens[0]!, get: <T>(p: string) => call<T>('GET', p), post: <T>(p: string, b?: unknown) => call<T>('POST', p, b ?? {}), put: <T>(p: string, b: unknown) => call<T>('PUT', p, b) };
}

/** The same client for setup steps that must succeed: answers with the body, throws on anything but 2xx. */
export async function apiOrThrow(username: string) {
  const api = await apiAs(username);
  const ok = <T>(r: { status: number; body: T }, what: string): T => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return {
    canteen: api.canteen,
    /** The first canteen of the caller's roles (diners have none). */
    get canteenId() { return api.canteen.id; },
    get: async <T>(p: string) => ok(await api.get<T>(p), `GET ${p}`),
    post: async <T>(p: string, b?: unknown) => ok(await api.post<T>(p, b), `POST ${p}`),
    put: async <T>(p: string, b?: unknown) => ok(await api.put<T>(p, b ?? {}), `PUT ${p}`),
  };
}

/**
 * Browser tests run at any hour: when the demo serves nothing at this moment (night, a weekend
 * without a plan), the canteen's chef publishes the current meal, as a canteen open late would.
 */
export async function ensureMealServed(login: string) {
  const cashier = await apiAs(`cashier.${login}`);
  const board = await cashier.get<{ date: string; meal: string; dishes: unknown[] }>(`/api/checkout/board?canteenId=${cashier.canteen.id}`);
  if (board.body.dishes.length) return;
  const chef = await apiAs(`chef.${login}`);
  const dishes = (await chef.get<{ id: number; kind: string }[]>('/api/dishes')).body;
  const must = (await chef.get<{ meal: string; dishId: number }[]>(`/api/must-serve?canteenId=${cashier.canteen.id}`)).body.filter((m) => m.meal === board.body.meal).map((m) => m.dishId);
  const picked = ['staple', 'meat', 'mixed', 'vegetable', 'soup'].flatMap((k) => dishes.filter((d) => d.kind === k).slice(0, 2)).map((d) => d.id);
  const items = [...new Set([...must, ...picked])].map((dishId) => ({ dishId, portions: 300 }));
  const plan = await chef.put<{ id: number }>('/api/menu-plans', { canteenId: cashier.canteen.id, date: board.body.date, meal: board.body.meal, items });
  if (plan.status !== 200) throw new Error(`could not plan the current meal: ${JSON.stringify(plan.body)}`);
  const published = await chef.post(`/api/menu-plans/${plan.body.id}/publish`);
  if (published.status !== 200) throw new Error(`could not publish the current meal: ${JSON.stringify(published.body)}`);
}
