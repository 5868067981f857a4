import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { LockerSimulator } from '../server/src/devices/simulators/locker.ts';
import { baseUrl, launch, session, shot } from './browser.ts';
import { apiOrThrow } from './api-client.ts';

let browser: Browser;
let sim: LockerSimulator | undefined;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await sim?.stop(); await browser?.close(); });

const inDays = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);
const chinaLabel = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

it('a diner orders takeout on the phone, the kitchen puts it in the locker, the locker opens the cell for the code, and the order shows picked up', async () => {
  // Setup: the demo's locker at 应急综合大楼食堂 with 12 cells, and takeout offered for the next lunch with a published menu.
  const head = await apiOrThrow('head.yj');
  const chef = await apiOrThrow('chef.yj');
  const canteen = head.canteen;
  const devices = await head.get<{ id: number; code: string }[]>(`/api/devices?canteenId=${canteen.id}`);
  const locker = devices.find((d) => d.code === 'LOCKER-YJZH-01')!;
  expect(locker, 'the demo registers a locker per canteen').toBeTruthy();
  await head.put(`/api/orders/lockers/${locker.id}`, { cells: 12 });
  let date = '';
  let dishes: { dishId: number; name: string }[] = [];
  for (const n of [1, 2, 3]) {
    const offers = await chef.get<{ published: boolean; dishes: { dishId: number; name: string }[] }>(`/api/orders/offers?canteenId=${canteen.id}&date=${inDays(n)}&meal=lunch`);
    if (offers.published && offers.dishes.length) {
      date = inDays(n);
      dishes = offers.dishes.slice(0, 4);
      break;
    }
  }
  expect(date, 'a published lunch within three days').not.toBe('');
  await chef.put('/api/orders/offers', { canteenId: canteen.id, date, meal: 'lunch', dishes: dishes.map((d) => ({ dishId: d.dishId, limit: 30 })) });
  sim = await LockerSimulator.start({ code: 'LOCKER-YJZH-01', token: 'demo-scale-token', url: inject('mqttUrl'), cells: 12, onError: () => {} });

  // The diner orders on the phone.
  const phone = await session(browser, 'diner1', 390, 844);
  await phone.goto(`${baseUrl()}/m/orders/new`);
  await phone.getByRole('radio', { name: canteen.name }).click();
  await phone.getByRole('radio', { name: new RegExp(chinaLabel(date)) }).click();
  await phone.getByRole('radio', { name: '午餐' }).click();
  await phone.getByRole('button', { name: `增加 ${dishes[0]!.name}` }).click();
  await phone.getByRole('button', { name: `增加 ${dishes[1]!.name}` }).click();
  await phone.getByRole('radio', { name: '12:00' }).click();
  await shot(phone, 'order-phone-new');
  await phone.getByRole('button', { name: '付款下单' }).click();
  await phone.waitForURL(/\/m\/orders$/);
  const card = phone.locator('article').first();
  await expect.poll(() => card.textContent()).toContain('已付款待备餐');
  const no = (await card.getAttribute('data-testid'))!.replace('order-', '');
  await shot(phone, 'order-phone-paid');

  // The kitchen marks it ready on the desktop: it goes into a locker cell.
  const desk = await session(browser, 'chef.yj', 1440, 900);
  await desk.goto(`${baseUrl()}/orders?date=${date}&meal=lunch`);
  const row = desk.getByRole('row').filter({ hasText: no });
  await row.getByRole('button', { name: '备好入柜' }).click();
  await expect.poll(() => row.textContent()).toContain('已入柜待取');
  await shot(desk, 'order-desk-ready');
  await desk.getByRole('tab', { name: '取餐柜' }).click();
  await desk.getByTestId('cell-LOCKER-YJZH-01-1').getByText(no).waitFor();
  await shot(desk, 'order-desk-lockers');
  await desk.getByRole('tab', { name: '备餐单' }).click();
  await desk.getByText(dishes[0]!.name).first().waitFor();
  await shot(desk, 'order-desk-production');

  // The phone shows the pickup code and its QR.
  await phone.reload();
  const code = (await phone.getByTestId('pickup-code').textContent())!.trim();
  expect(code).toMatch(/^\d{6}$/);
  await shot(phone, 'order-phone-code');

  // At the locker: a wrong code opens nothing, the right one opens cell 1 once.
  expect(await sim.enter(code === '000000' ? '000001' : '000000')).toMatchObject({ action: 'deny' });
  expect(await sim.enter(code)).toEqual({ action: 'open', cell: 1, ref: no });
  expect(sim.cells[0]!.open).toBe(true);
  await sim.shut(1);
  expect(await sim.enter(code)).toMatchObject({ action: 'deny' });

  await phone.reload();
  await expect.poll(() => phone.locator('article').first().textContent()).toContain('已取餐');
  await shot(phone, 'order-phone-picked-up');
  await desk.getByRole('tab', { name: '当日订单' }).click();
  await expect.poll(() => desk.getByRole('row').filter({ hasText: no }).textContent()).toContain('已取餐');

  // A meeting meal of the diner's unit, the day after tomorrow (meeting meals close at 16:00 the day before, and a
  // browser test runs at any hour): the canteen head approves it on the desktop; served, it is on the unit's statement.
  const dinerApi = await apiOrThrow('diner1');
  const meeting = await dinerApi.post<{ id: number; no: string }>('/api/orders/unit-meals', { canteenId: canteen.id, kind: 'meeting', date: inDays(2), meal: 'lunch', headcount: 12, purpose: '季度工作会议', contact: '韩建', phone: '13800000000', pickupTime: '12:00', requestKey: `e2e-meeting-${Date.now()}` });
  const headDesk = await session(browser, 'head.yj', 1440, 900);
  await headDesk.goto(`${baseUrl()}/orders/approvals`);
  const pending = headDesk.getByRole('row').filter({ hasText: meeting.no });
  await pending.waitFor();
  await shot(headDesk, 'order-desk-approvals');
  await pending.getByRole('button', { name: '批准' }).click();
  await expect.poll(() => headDesk.getByRole('row').filter({ hasText: meeting.no }).textContent()).toContain('已批准');
  await chef.post(`/api/orders/${meeting.id}/serve`, { headcount: 11 });
  await headDesk.goto(`${baseUrl()}/orders/statements`);
  await headDesk.getByRole('row').filter({ hasText: '¥' }).first().waitFor();
  await shot(headDesk, 'order-desk-statements');
  await headDesk.getByRole('row').filter({ hasText: '¥' }).first().click();
  await headDesk.getByText(meeting.no).waitFor();
  await shot(headDesk, 'order-desk-statement');
});
