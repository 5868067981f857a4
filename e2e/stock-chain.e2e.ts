import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { ScaleSimulator } from '../server/src/devices/simulators/scale.ts';
import { baseUrl, launch, login, shot, shotsDir } from './browser.ts';
import { apiOrThrow } from './api-client.ts';

let browser: Browser;
let scale: ScaleSimulator | undefined;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => {
  await scale?.stop();
  await browser?.close();
});

async function session(username: string, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  await login(page, username);
  await page.getByText('退出').waitFor();
  return page;
}

/** 12.340 kg: an even number of grams, so the simulated scale (2 g resolution) shows it exactly. */
const DELIVERED_G = 12_340;
const ISSUED_G = 2_340;

it('the storekeeper orders an approved requisition, receives a line with the scale\'s weight, issues part of it, and the stock page and the stock balance report show what is left', async () => {
  // Setup: an approved requisition of 应急综合大楼食堂 (the demo approves two; approve a submitted one if not).
  const head = await apiOrThrow('head.yj');
  type Req = { id: number; no: string; status: string; dateFrom: string };
  let approved = (await head.get<Req[]>(`/api/requisitions?canteenId=${head.canteenId}&status=approved`)).sort((a, b) => a.dateFrom.localeCompare(b.dateFrom));
  if (!approved.length) {
    const [submitted] = await head.get<Req[]>(`/api/requisitions?canteenId=${head.canteenId}&status=submitted`);
    await head.post(`/api/requisitions/${submitted!.id}/approve`, { comment: 'e2e' });
    approved = await head.get<Req[]>(`/api/requisitions?canteenId=${head.canteenId}&status=approved`);
  }
  const requisition = approved[0]!;

  // 1. Purchase orders from the requisition, one per supplier.
  const store = await session('store.yj', 1366, 768);
  await store.goto(`${baseUrl()}/purchase-orders`);
  await store.getByRole('button', { name: '从请购单生成' }).click();
  const dialog = store.getByRole('dialog');
  await dialog.getByText(requisition.no).click();
  await shot(store, 'purchase-from-requisition');
  await dialog.getByRole('button', { name: '生成采购单' }).click();
  await store.getByText(/已生成 \d+ 张采购单/).waitFor();
  await store.getByText('未发送').first().waitFor();
  await shot(store, 'purchase-orders');
  const api = await apiOrThrow('store.yj');
  type OrderRow = { id: number; no: string; requisitionId: number; supplierName: string };
  const orders = (await api.get<OrderRow[]>(`/api/purchase-orders?canteenId=${api.canteenId}&open=1`)).filter((o) => o.requisitionId === requisition.id);
  expect(orders.length).toBeGreaterThan(0);
  const order = orders.at(-1)!;
  await store.goto(`${baseUrl()}/purchase-orders/${order.id}`);
  await store.getByText('采购明细').waitFor();
  await shot(store, 'purchase-order');
  await store.getByRole('button', { name: '发送' }).first().click();
  await store.getByRole('dialog').getByRole('button', { name: '确认发送' }).click();
  await store.getByText('已发送，等待供应商送货', { exact: false }).waitFor();
  await store.context().close();

  // 2. Receiving on a tablet: the scale weighs the first line; 使用此重量; accept; post.
  scale = await ScaleSimulator.start({ code: 'SCALE-YJZH-01', token: 'demo-scale-token', url: inject('mqttUrl'), onError: (e) => console.error(e.message) });
  const tablet = await session('store.yj', 1024, 768);
  await tablet.goto(`${baseUrl()}/receiving`);
  await tablet.getByLabel(`验收 ${order.supplierName} ${order.no}`).click();
  const ingredient = (await tablet.getByRole('heading', { level: 2 }).first().textContent())!.trim();
  type StockRow = { name: string; qtyG: number };
  const onHandG = async () => (await api.get<StockRow[]>(`/api/stock?canteenId=${api.canteenId}`)).find((r) => r.name === ingredient)?.qtyG ?? 0;
  const before = await onHandG();
  scale.place(DELIVERED_G);
  const use = tablet.getByRole('button', { name: '使用此重量' });
  await expect.poll(() => use.isEnabled(), { timeout: 15_000 }).toBe(true);
  await tablet.getByRole('status', { name: '重量（千克）' }).getByText('12.340').waitFor();
  await shot(tablet, 'receiving-scale-tablet');
  await use.click();
  await tablet.getByText('验收秤 SCALE-YJZH-01').waitFor();
  await tablet.getByRole('button', { name: '合格入库' }).click();
  await tablet.getByRole('button', { name: /好了，下一样/ }).click();
  await tablet.getByRole('button', { name: /汇总/ }).click();
  await tablet.getByRole('cell', { name: ingredient }).waitFor();
  await shot(tablet, 'receiving-summary-tablet');
  await tablet.getByRole('button', { name: '确认入库' }).click();
  await tablet.getByText(/已入库，验收单 YS-/).waitFor();
  await shot(tablet, 'receiving-done-tablet');
  await tablet.getByRole('button', { name: '查看验收单' }).click();
  await tablet.getByRole('dialog').getByText('验收秤 SCALE-YJZH-01').waitFor();
  await tablet.context().close();

  // 3. The stock page shows the delivery; issue part of it to the kitchen; what is left shows.
  const page = await session('store.yj', 1366, 768);
  await page.goto(`${baseUrl()}/stock`);
  await page.locator('.ant-table-row').first().waitFor();
  await page.screenshot({ path: `${shotsDir}/stock-page.png` });
  await page.getByPlaceholder('查找食材').fill(ingredient);
  const onHand = page.getByLabel(`${ingredient} 库存`, { exact: true });
  const kg = (g: number) => `${(g / 1000).toFixed(3)} 千克`;
  expect(await onHandG()).toBe(before + DELIVERED_G);
  await expect.poll(() => onHand.textContent()).toContain(kg(before + DELIVERED_G));
  await page.getByRole('button', { name: '领用出库' }).click();
  const issue = page.getByRole('dialog');
  await issue.getByText('按这一餐已发布的菜单', { exact: false }).waitFor();
  await page.waitForTimeout(500); // the proposal loads
  const qty = issue.getByLabel(`${ingredient} 数量`, { exact: true });
  if (!(await qty.count())) {
    const add = issue.getByLabel('添加食材', { exact: true });
    await add.click();
    await add.fill(ingredient);
    await page.locator('.ant-select-item-option-active').first().waitFor();
    await add.press('Enter');
  }
  await qty.fill(String(ISSUED_G / 1000));
  await qty.press('Tab');
  await shot(page, 'stock-issue');
  await issue.getByRole('button', { name: /确认领用/ }).click();
  await page.getByText(/已领用出库 LY-/).waitFor();
  await expect.poll(() => onHand.textContent()).toContain(kg(before + DELIVERED_G - ISSUED_G));
  expect(await onHandG()).toBe(before + DELIVERED_G - ISSUED_G);
  await page.screenshot({ path: `${shotsDir}/stock.png` });

  // 4. The stock balance report (收发存汇总表) over the last 30 days closes at the same quantity.
  const { category } = (await api.get<(StockRow & { category: string })[]>(`/api/stock?canteenId=${api.canteenId}`)).find((r) => r.name === ingredient)!;
  const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86400_000).toISOString().slice(0, 10);
  await page.goto(`${baseUrl()}/reports?report=stock-balance&canteen=${api.canteenId}&from=${day(-30)}&to=${day(0)}&category=${category}`);
  await page.getByRole('columnheader', { name: '期末结存' }).waitFor();
  const line = page.getByRole('row').filter({ has: page.getByRole('cell', { name: ingredient, exact: true }) });
  const closing = ((before + DELIVERED_G - ISSUED_G) / 1000).toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  await expect.poll(() => line.innerText()).toContain(closing);
  await shot(page, 'stock-balance-after-issue');
  await page.context().close();
});
