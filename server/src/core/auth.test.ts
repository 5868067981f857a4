import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, PASSWORD, testApp } from '../../test/harness.ts';
import { person, session } from './schema.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let now = new Date('2026-11-20T02:00:00Z');
beforeAll(async () => {
  t = await testApp(() => now);
});
afterAll(() => t.close());

describe('auth', () => {
  it('signs in with an httpOnly SameSite cookie and answers who I am', async () => {
    const c = new Client(t.app);
    const r = await c.req('POST', '/api/auth/login', { username: 'chef1', password: PASSWORD });
    expect(r.status).toBe(200);
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    c.csrf = r.body.csrfToken;
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('chef1');
    expect(me.body.canteens.map((k: { id: number }) => k.id)).toEqual([t.fx.orgs.k1]);
  });

  it('loads a session once for the requests of it that arrive together', async () => {
    const c = await t.as('chef2');
    await c.get('/api/auth/me');
    const selects = vi.spyOn(t.platform.database.db, 'select');
    try {
      t.platform.sessions.clear();
      expect((await c.get('/api/auth/me')).status).toBe(200);
      const alone = selects.mock.calls.length;
      expect(alone).toBeGreaterThan(0);
      t.platform.sessions.clear();
      const together = await Promise.all(Array.from({ length: 10 }, () => c.get('/api/auth/me')));
      expect(together.map((r) => r.body.user.username)).toEqual(Array(10).fill('chef2'));
      expect(selects.mock.calls.length).toBe(2 * alone);
    } finally {
      selects.mockRestore();
    }
  });

  it('reads a kept session again after 30 s, answering from the kept one meanwhile', async () => {
    const c = await t.as('store2');
    expect((await c.get('/api/auth/me')).status).toBe(200);
    const [p] = await t.platform.database.db.select({ id: person.id }).from(person).where(eq(person.username, 'store2'));
    // Gone from the database behind the platform's back (a logout would also clear the kept sessions).
    await t.platform.database.db.delete(session).where(eq(session.personId, p!.id));
    expect((await c.get('/api/auth/me')).status).toBe(200);
    now = new Date(now.getTime() + 31_000);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    await vi.waitFor(async () => expect((await c.get('/api/auth/me')).status).toBe(401));
  });

  it('refuses a wrong password with a message in the caller\'s language', async () => {
    const zh = await new Client(t.app, 'zh').req('POST', '/api/auth/login', { username: 'head1', password: 'nope' });
    expect(zh.status).toBe(401);
    expect(zh.body).toMatchObject({ code: 'bad_credentials', message: '用户名或密码错误' });
    const en = await new Client(t.app, 'en').req('POST', '/api/auth/login', { username: 'nobody', password: 'nope' });
    expect(en.status).toBe(401);
    expect(en.body.message).toBe('Wrong username or password');
  });

  it('locks the account after five failures, even with the right password, until the lock expires', async () => {
    const c = new Client(t.app);
    for (let i = 0; i < 5; i++) expect((await c.req('POST', '/api/auth/login', { username: 'store1', password: 'bad' })).status).toBe(401);
    const locked = await c.req('POST', '/api/auth/login', { username: 'store1', password: PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('account_locked');
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await c.req('POST', '/api/auth/login', { username: 'store1', password: PASSWORD })).status).toBe(200);
  });

  it('rejects a write without the CSRF token and one from a foreign origin', async () => {
    const c = await t.as('chef2');
    const noToken = await c.req('POST', '/api/auth/logout', {}, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    const foreign = await c.req('POST', '/api/auth/logout', {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await c.get('/api/auth/me')).status).toBe(200);
  });

  it('changes the password: the old one stops working, other sessions end', async () => {
    const a = await t.as('head2');
    const b = await t.as('head2');
    const bad = await a.post('/api/auth/password', { current: 'wrong', next: 'new-password-9' });
    expect(bad.status).toBe(400);
    const ok = await a.post('/api/auth/password', { current: PASSWORD, next: 'new-password-9' });
    expect(ok.status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    const old = await new Client(t.app).req('POST', '/api/auth/login', { username: 'head2', password: PASSWORD });
    expect(old.status).toBe(401);
    await new Client(t.app).login('head2', 'new-password-9');
  });

  it('logs out: the session cookie no longer works', async () => {
    const c = await t.as('diner1');
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    c.cookie = cookie;
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });
});
