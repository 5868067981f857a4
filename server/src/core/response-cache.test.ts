import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dish, planningLibrary } from '../../test/canteen-fixture.ts';
import { testApp, type Client } from '../../test/harness.ts';
import { menuItem } from '../modules/menu/schema.ts';
import { ResponseCache } from './response-cache.ts';
import { TableChanges, writtenTables } from './table-changes.ts';

describe('which tables a statement writes', () => {
  it('finds the targets of drizzle and hand-written SQL, also inside WITH', () => {
    expect(writtenTables('insert into "menu_plan" ("org_id", "date") values ($1, $2) returning "id"')).toEqual(['menu_plan']);
    expect(writtenTables('update "dish" set "name" = $1 where "dish"."id" = $2')).toEqual(['dish']);
    expect(writtenTables('delete from "menu_item" where "menu_item"."plan_id" = $1')).toEqual(['menu_item']);
    expect(writtenTables('with paid as (update account set balance_fen = balance_fen - $1 where id = $2 returning id) insert into sale (account_id) select id from paid'))
      .toEqual(['account', 'sale']);
    expect(writtenTables('truncate table "audit_log"')).toEqual(['audit_log']);
    expect(writtenTables('INSERT INTO public.stock_move (qty) SELECT qty FROM batch')).toEqual(['stock_move']);
  });

  it('does not take a locking read or a plain read for a write', () => {
    const locking = writtenTables('select * from "requisition" where "org_id" = $1 for update');
    expect(locking).not.toContain('requisition');
    expect(writtenTables('select "name" from "dish" join "menu_item" on true')).toEqual([]);
  });

  it('sees a write committed while a reading ran, so that reading is not trusted', async () => {
    const changes = new TableChanges();
    changes.known.add('dish');
    const quiet = await changes.capture(async () => changes.noteRead('select * from "dish"'));
    expect(quiet.tables).toEqual(['dish']);
    expect(changes.unchangedSince(quiet.tables, quiet.since)).toBe(true);
    const raced = await changes.capture(async () => {
      changes.noteRead('select * from "dish"');
      changes.committed(['dish']);
    });
    expect(changes.unchangedSince(raced.tables, raced.since)).toBe(false);
    expect(changes.unchangedSince(quiet.tables, quiet.since)).toBe(false);
    changes.committed(['ingredient']);
    const later = await changes.capture(async () => changes.noteRead('select * from "dish"'));
    expect(changes.unchangedSince(later.tables, later.since)).toBe(true);
  });

  it('records every table of a reading still under way when readings beside it or inside it end', async () => {
    const changes = new TableChanges();
    for (const t of ['dish', 'menu_plan', 'ingredient', 'stock_batch']) changes.known.add(t);
    const tick = () => new Promise((r) => setTimeout(r, 5));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const outer = changes.capture(async () => {
      changes.noteRead('select * from "dish"');
      const inner = await changes.capture(async () => {
        await tick();
        changes.noteRead('select * from "ingredient"');
      });
      await held;
      changes.noteRead('select * from "menu_plan"');
      return inner.tables;
    });
    const beside = await changes.capture(async () => {
      await tick();
      changes.noteRead('select * from "stock_batch"');
    });
    expect(beside.tables).toEqual(['stock_batch']);
    release();
    const done = await outer;
    expect(done.result).toEqual(['ingredient']);
    expect(done.tables.sort()).toEqual(['dish', 'menu_plan']);
    // With no reading under way the statements of other work are not recorded anywhere, and a new reading records again.
    changes.noteRead('select * from "dish"');
    const next = await changes.capture(async () => {
      await tick();
      changes.noteRead('select * from "stock_batch"');
    });
    expect(next.tables).toEqual(['stock_batch']);
  });
});

describe('the kept answers', () => {
  it('lets requests for an answer being read share that reading, unless something was written since it began', async () => {
    const changes = new TableChanges();
    changes.known.add('menu_plan');
    const cache = new ResponseCache(changes);
    let reads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const read = async () => {
      const n = ++reads;
      changes.noteRead('select * from "menu_plan"');
      await gate;
      if (n === 3) throw new Error('database gone');
      return { n };
    };
    const first = cache.through('k', read);
    const joined = cache.through('k', read);
    changes.committed(['dish']);
    const afterWrite = cache.through('k', read);
    release();
    const text = async (p: Promise<Uint8Array>) => new TextDecoder().decode(await p);
    expect(await Promise.all([first, joined, afterWrite].map(text))).toEqual(['{"n":1}', '{"n":1}', '{"n":2}']);
    expect(reads).toBe(2);
    cache.clear();
    const failing = [cache.through('k', read), cache.through('k', read)];
    expect((await Promise.allSettled(failing)).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(reads).toBe(3);
    expect(await text(cache.through('k', read))).toBe('{"n":4}');
  });

  it('does not keep an answer read while roles or grants changed (a clear), nor one whose tables changed', async () => {
    const changes = new TableChanges();
    changes.known.add('menu_plan');
    const cache = new ResponseCache(changes);
    const reading = (during: () => void) => async () => {
      changes.noteRead('select * from "menu_plan"');
      during();
      return { plans: 1 };
    };
    await cache.through('a', reading(() => cache.clear()));
    expect(cache.get('a')).toBeUndefined();
    await cache.through('b', reading(() => changes.committed(['menu_plan'])));
    expect(cache.get('b')).toBeUndefined();
    await cache.through('c', reading(() => changes.committed(['dish'])));
    expect(new TextDecoder().decode(cache.get('c'))).toBe('{"plans":1}');
    changes.committed(['menu_plan']);
    expect(cache.get('c')).toBeUndefined();
  });
});

describe('cached answers of read routes', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let chef1: Client, chef2: Client, head1: Client, diner1: Client, diner2: Client, admin: Client;
  let lib: Awaited<ReturnType<typeof planningLibrary>>;
  let braised: number, planId: number;
  const date = '2026-11-26';
  const dishBody = (name: string) => ({ code: 'hsr', name, nameEn: '', seasons: [], kind: 'meat', priceFen: 1200, portionG: 150,
    recipe: [{ ingredientId: lib.pork, netG: 120, yieldPct: 90 }] });

  beforeAll(async () => {
    t = await testApp(() => new Date('2026-11-25T02:00:00Z'));
    [admin, chef1, chef2, head1, diner1, diner2] = await Promise.all(['admin', 'chef1', 'chef2', 'head1', 'diner1', 'diner2'].map((u) => t.as(u)));
    lib = await planningLibrary(admin);
    braised = (await dish(chef1, dishBody('红烧肉'))).id;
    const plan = await chef1.put('/api/menu-plans', { canteenId: t.fx.orgs.k1, date, meal: 'lunch', items: [{ dishId: braised, portions: 100 }] });
    planId = plan.body.id;
    expect((await chef1.post(`/api/menu-plans/${planId}/publish`)).status).toBe(200);
  });
  afterAll(() => t.close());

  const portions = async (c: Client) => (await c.get(`/api/menu-plans/${planId}`)).body.items.map((i: { portions: number }) => i.portions);
  const publishedNames = async () => (await diner1.get(`/api/menu/published?date=${date}`)).body
    .flatMap((c: { meals: { dishes: { name: string }[] }[] }) => c.meals.flatMap((m) => m.dishes.map((d) => d.name)));

  it('answers again exactly what a fresh reading answers', async () => {
    const first = await chef1.get(`/api/menu-plans/${planId}`);
    const again = await chef1.get(`/api/menu-plans/${planId}`);
    t.platform.responses.clear();
    const fresh = await chef1.get(`/api/menu-plans/${planId}`);
    expect(again.status).toBe(200);
    expect(again.headers.get('content-type')).toMatch(/application\/json/);
    expect(again.body).toEqual(first.body);
    expect(fresh.body).toEqual(again.body);
  });

  it('shows a change made through the API at the next request', async () => {
    expect(await portions(chef1)).toEqual([100]);
    expect((await chef1.post(`/api/menu-plans/${planId}/withdraw`)).status).toBe(200);
    const saved = await chef1.put('/api/menu-plans', { canteenId: t.fx.orgs.k1, date, meal: 'lunch', items: [{ dishId: braised, portions: 180 }] });
    expect(saved.status).toBe(200);
    expect(await portions(chef1)).toEqual([180]);
    expect((await chef1.post(`/api/menu-plans/${planId}/publish`)).status).toBe(200);
  });

  it('shows a change written past the API, in a transaction or alone, at the next request', async () => {
    expect(await portions(chef1)).toEqual([180]);
    await t.platform.database.db.update(menuItem).set({ portions: 190 }).where(eq(menuItem.planId, planId));
    expect(await portions(chef1)).toEqual([190]);
    await t.platform.database.db.transaction(async (tx) => {
      await tx.execute(sql`update menu_item set portions = 200 where plan_id = ${planId}`);
    });
    expect(await portions(chef1)).toEqual([200]);
  });

  it('shows a renamed dish on the diners\' menu although the dish rows come from a read cache', async () => {
    expect(await publishedNames()).toEqual(['红烧肉']);
    expect(await publishedNames()).toEqual(['红烧肉']);
    const renamed = await chef1.put(`/api/dishes/${braised}`, dishBody('东坡肉'));
    expect(renamed.status).toBe(200);
    expect(await publishedNames()).toEqual(['东坡肉']);
  });

  it('never gives one caller\'s answer to another', async () => {
    expect((await chef1.get(`/api/menu-plans/${planId}`)).status).toBe(200);
    const other = await chef2.get(`/api/menu-plans/${planId}`);
    expect([403, 404]).toContain(other.status);
    expect(other.body.items).toBeUndefined();
  });

  it('shares the published menus among the diners of a bureau, but keeps other answers per person', async () => {
    // Sessions are loaded first, so only what the routes read is counted.
    await Promise.all([diner2.get('/api/auth/me'), head1.get('/api/auth/me')]);
    const selects = vi.spyOn(t.platform.database.db, 'select');
    try {
      t.platform.responses.clear();
      const first = await diner1.get(`/api/menu/published?date=${date}`);
      const read = selects.mock.calls.length;
      expect(read).toBeGreaterThan(0);
      const other = await diner2.get(`/api/menu/published?date=${date}`);
      expect(other.body).toEqual(first.body);
      expect(selects.mock.calls.length).toBe(read);
      await chef1.get(`/api/menu-plans/${planId}`);
      await chef1.get(`/api/menu-plans/${planId}`);
      const chefRead = selects.mock.calls.length;
      const head = await head1.get(`/api/menu-plans/${planId}`);
      expect(head.status).toBe(200);
      expect(selects.mock.calls.length).toBeGreaterThan(chefRead);
    } finally {
      selects.mockRestore();
    }
  });

  it('still checks every request before answering from the cache', async () => {
    await chef1.get(`/api/menu-plans?canteenId=${t.fx.orgs.k1}&from=2026-11-01&to=2026-11-02`);
    const bad = await chef1.req('GET', '/api/menu-plans?canteenId=x&from=2026-11-01&to=2026-11-02', undefined, { 'accept-language': 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Invalid request/);
    const anonymous = await t.app.request(`/api/menu-plans?canteenId=${t.fx.orgs.k1}&from=2026-11-01&to=2026-11-02`);
    expect(anonymous.status).toBe(401);
  });
});
