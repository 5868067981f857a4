import type { Client, testApp } from './harness.ts';

type T = Awaited<ReturnType<typeof testApp>>;

/**
 * Diner categories of the fixture's centre and K1's lunch and breakfast rules, then accounts with
 * cards for diner1 (staff: ¥5 lunch subsidy, ¥10 overdraft, ¥20 offline) and diner2 (visitor:
 * 150 % at lunch, ¥8 flat breakfast, no overdraft).
 */
export async function accountFixture(t: T, c: { admin: Client; head: Client; cashier: Client }) {
  const ok = <B>(r: { status: number; body: B }) => {
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    return r.body;
  };
  const cat = async (code: string, nameZh: string, extra: object) =>
    (ok(await c.admin.put('/api/accounts/categories', { orgId: t.fx.orgs.centre, code, nameZh, nameEn: code, ...extra })) as { id: number }).id;
  const staff = await cat('staff', '在编职工', { overdraftFen: 1000, offlineLimitFen: 2000, monthlySubsidyFen: 30000 });
  const visitor = await cat('visitor', '来访人员', { overdraftFen: 0, offlineLimitFen: 0 });
  ok(await c.head.put('/api/accounts/meal-rules', { canteenId: t.fx.orgs.k1, rules: [
    { categoryId: staff, meal: 'lunch', subsidyFen: 500 },
    { categoryId: visitor, meal: 'lunch', pricePct: 150 },
    { categoryId: visitor, meal: 'breakfast', flatFen: 800 },
  ] }));
  const open = async (username: string, categoryId: number, cardNo: string) =>
    (ok(await c.cashier.post('/api/accounts', { orgId: t.fx.orgs.centre, personId: t.fx.people.get(username), categoryId, cardNo })) as { id: number }).id;
  return { staff, visitor, diner1: await open('diner1', staff, 'C0001'), diner2: await open('diner2', visitor, 'C0002') };
}
