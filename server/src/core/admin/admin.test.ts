import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp } from '../../../test/harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client;
beforeAll(async () => {
  t = await testApp();
  admin = await t.as('admin');
});
afterAll(() => t.close());

describe('who may and may not (default grants)', () => {
  const k1 = () => t.fx.orgs.k1;
  const matrix: [string, string, () => string, () => unknown, number][] = [
    ['diner1', 'GET', () => '/api/ingredients', () => (undefined), 403],
    ['diner1', 'GET', () => '/api/requisitions', () => (undefined), 403],
    ['diner1', 'GET', () => '/api/menu/published?date=2026-11-26', () => (undefined), 200],
    ['store1', 'GET', () => '/api/requisitions', () => (undefined), 200],
    ['store1', 'POST', () => '/api/requisitions/generate', () => ({ canteenId: k1(), from: '2026-11-26', to: '2026-11-26' }), 403],
    ['chef1', 'POST', () => '/api/requisitions/1/approve', () => ({}), 403],
    ['head1', 'PUT', () => '/api/menu-plans', () => ({ canteenId: k1(), date: '2026-11-26', meal: 'lunch', items: [{ dishId: 1, portions: 1 }] }), 403],
    ['chef1', 'GET', () => '/api/audit', () => (undefined), 403],
    ['head1', 'GET', () => '/api/audit', () => (undefined), 200],
    ['chef1', 'PUT', () => '/api/roles/head_chef/permissions', () => ({ permissions: [] }), 403],
    ['head1', 'POST', () => '/api/people', () => ({ orgId: k1(), username: 'newbie', name: '新人', password: 'longpassword' }), 403],
  ];
  for (const [user, method, path, body, status] of matrix) {
    it(`${user} ${method} ${path.toString().replace(/^\(\) => /, '')} → ${status}`, async () => {
      const c = await t.as(user);
      expect((await c.req(method, path(), body())).status).toBe(status);
    });
  }
});

describe('administration', () => {
  it('edits a role\'s grants, and the change applies at once', async () => {
    const chef = await t.as('chef1');
    const body = { canteenId: t.fx.orgs.k1, date: '2026-11-26', meal: 'lunch', items: [{ dishId: 999, portions: 1 }] };
    expect((await chef.put('/api/menu-plans', body)).status).toBe(422);
    const roles = (await admin.get('/api/roles')).body;
    const chefGrants: string[] = roles.roles.find((r: { key: string }) => r.key === 'head_chef').permissions;
    expect(chefGrants).toContain('menu.plan.write');
    expect(roles.permissions.find((p: { key: string }) => p.key === 'menu.plan.write').zh).toBe('编排菜品计划');
    const cut = await admin.put('/api/roles/head_chef/permissions', { permissions: chefGrants.filter((p) => p !== 'menu.plan.write') });
    expect(cut.status).toBe(200);
    expect((await chef.put('/api/menu-plans', body)).status).toBe(403);
    await admin.put('/api/roles/head_chef/permissions', { permissions: chefGrants });
    expect((await chef.put('/api/menu-plans', body)).status).toBe(422);
    const log = (await admin.get('/api/audit?entity=role&entityId=head_chef')).body.items;
    expect(log[0]).toMatchObject({ action: 'role.grants_changed', actorName: '管理员' });
    expect(log[1].after).not.toContain('menu.plan.write');
  });

  it('refuses unknown permissions and will not lock the administrator out', async () => {
    expect((await admin.put('/api/roles/head_chef/permissions', { permissions: ['menu.plan.fly'] })).body.code).toBe('unknown_permission');
    expect((await admin.put('/api/roles/admin/permissions', { permissions: [] })).body.code).toBe('admin_lockout');
  });

  it('adds a person with a role who can then sign in; a role change applies to their open session', async () => {
    const r = await admin.post('/api/people', { orgId: t.fx.orgs.k2, username: 'store3', name: '仓管二', password: 'store-pass-2', roles: [{ orgId: t.fx.orgs.k2, roleKey: 'storekeeper' }] });
    expect(r.status).toBe(201);
    const s = await new Client(t.app).login('store3', 'store-pass-2');
    expect((await s.get('/api/requisitions')).status).toBe(200);
    expect((await admin.put(`/api/people/${r.body.id}/roles`, { roles: [] })).status).toBe(200);
    expect((await s.get('/api/requisitions')).status).toBe(403);
    expect((await admin.post('/api/people', { orgId: t.fx.orgs.k2, username: 'store3', name: 'x', password: 'another-pass' })).status).toBe(409);
  });

  it('shows a canteen head the audit entries of their own canteen only', async () => {
    const head1 = await t.as('head1');
    const items = (await head1.get('/api/audit?limit=500')).body.items as { orgId: number | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.orgId === t.fx.orgs.k1)).toBe(true);
  });
});
