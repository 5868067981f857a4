import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiOrThrow, ensureMealServed } from './api-client.ts';
import { baseUrl, launch, login, shot } from './browser.ts';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

interface Sale { id: number; accountId: number; status: string; offline: boolean; stationId: number | null; dueFen: number }

const pay = async (page: Page, card: string) => {
  await page.getByLabel('卡号').fill(card);
  await page.getByLabel('卡号').press('Enter');
};

it('a cashier sells at the station, undoes a sale, sells offline while the network is down, and the desk sees the synced sale', async () => {
  await ensureMealServed('yj');
  const cashier = await apiOrThrow('cashier.yj');
  // The demo may have sold a lot today already: what this test sells is what comes after the newest sale now.
  const newest = (await cashier.get<Sale[]>(`/api/checkout/sales?canteenId=${cashier.canteen.id}&limit=1`))[0]?.id ?? 0;
  const mine = async () => (await cashier.get<Sale[]>(`/api/checkout/sales?canteenId=${cashier.canteen.id}&limit=50`)).filter((s) => s.id > newest);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await login(page, 'cashier.yj');
  await page.getByText('退出').first().waitFor();

  // First run: canteen and station, then the dishes of the meal.
  await page.goto(`${baseUrl()}/kiosk`);
  await page.getByRole('button', { name: '应急综合大楼食堂' }).click();
  await page.getByRole('button', { name: /1 号结算台/ }).waitFor();
  await shot(page, 'kiosk-setup');
  await page.getByRole('button', { name: /1 号结算台/ }).click();
  const tiles = page.locator('button[data-dish]');
  await tiles.first().waitFor();

  // Two dishes, one of them twice; the tray totals them at menu price.
  await tiles.nth(0).click();
  await tiles.nth(1).click();
  await tiles.nth(1).click();
  await expect.poll(() => page.getByLabel('合计').textContent()).toMatch(/^¥\d+\.\d\d$/);
  await shot(page, 'kiosk-tray');
  await pay(page, 'TZ000001');
  const result = page.getByRole('status', { name: '结算结果' });
  await result.getByText('支付成功').waitFor();
  await result.getByText('余额').waitFor();
  await result.getByText('实付').waitFor();
  await shot(page, 'kiosk-paid');

  // Undo within the window: a reason in one tap, the sale is voided on the server.
  await result.getByRole('button', { name: /撤销/ }).click();
  await page.getByRole('button', { name: '选错菜品' }).click();
  await result.getByText('已撤销').waitFor();
  let sales = await mine();
  expect(sales.map((s) => s.status)).toEqual(['voided']);
  await result.getByRole('button', { name: /下一位/ }).click();

  // Sell again.
  await tiles.nth(0).click();
  await tiles.nth(1).click();
  await pay(page, 'TZ000001');
  await result.getByText('支付成功').waitFor();
  // The screen clears itself for the next diner after a few seconds.
  await page.getByText('请点选菜品').waitFor({ timeout: 10_000 });

  // The network drops: the sale is made offline from the roster and waits in the queue.
  await page.route('**/api/checkout/sales', (r) => r.abort());
  await page.route('**/api/checkout/sync', (r) => r.abort());
  await tiles.nth(2).click();
  await pay(page, 'TZ000002');
  await result.getByText('离线收款成功').waitFor();
  await page.getByText('离线模式 · 待同步 1 笔').waitFor();
  await shot(page, 'kiosk-offline');
  // A pay code cannot be checked offline: refused politely, nothing queued.
  await result.getByRole('button', { name: /下一位/ }).click();
  await tiles.nth(2).click();
  await page.getByLabel('付款码').fill('SLP1.1.1234567890.abcdefghijabcdefghijab');
  await page.getByLabel('付款码').press('Enter');
  await page.getByRole('alert').getByText('网络中断，暂不能使用付款码').waitFor();
  await page.getByText('离线模式 · 待同步 1 笔').waitFor();
  await page.getByRole('button', { name: '知道了' }).click();

  // The network is back: the queue syncs by itself and the banner goes.
  await page.unroute('**/api/checkout/sales');
  await page.unroute('**/api/checkout/sync');
  await page.getByText(/待同步/).waitFor({ state: 'detached', timeout: 60_000 });
  sales = await mine();
  expect(sales).toHaveLength(3);
  const offline = sales.filter((s) => s.offline);
  expect(offline).toHaveLength(1);
  expect(offline[0]!.status).toBe('paid');
  expect(offline[0]!.stationId).not.toBeNull();
  // The same screen on a 1920×1080 station.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await tiles.nth(0).click();
  await tiles.nth(3).click();
  await shot(page, 'kiosk-1080');
  await context.close();

  // The desk: the day's sales show the synced offline sale; the settlement counts it.
  const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const dp = await desk.newPage();
  await login(dp, 'cashier.yj');
  await dp.getByText('退出').first().waitFor();
  await dp.goto(`${baseUrl()}/checkout`);
  const table = dp.getByRole('table');
  const offlineDiner = (await cashier.get<{ name: string }>(`/api/accounts/${offline[0]!.accountId}`)).name;
  await table.getByRole('row').filter({ hasText: offlineDiner }).filter({ hasText: '离线' }).first().waitFor();
  await expect.poll(() => table.getByText('已撤销').count()).toBeGreaterThan(0);
  await shot(dp, 'checkout-sales');
  await dp.getByRole('tab', { name: '日结' }).click();
  await dp.getByText('按支付方式').waitFor();
  await dp.getByRole('img', { name: '各餐次营收：个人支付与单位补贴' }).waitFor();
  await dp.waitForTimeout(800);
  await shot(dp, 'checkout-settlement');
  await desk.close();

  // The canteen head adds a third station.
  const hd = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const hp = await hd.newPage();
  await login(hp, 'head.yj');
  await hp.getByText('退出').first().waitFor();
  await hp.goto(`${baseUrl()}/checkout?tab=stations`);
  await hp.getByRole('button', { name: '新增结算台' }).click();
  await hp.getByLabel('编码', { exact: true }).fill('CO-YJZH-03');
  await hp.getByLabel('名称', { exact: true }).fill('3 号结算台');
  await hp.getByRole('button', { name: '保存' }).click();
  await hp.getByRole('cell', { name: 'CO-YJZH-03' }).waitFor();
  await hp.getByRole('dialog').waitFor({ state: 'hidden' });
  await shot(hp, 'checkout-stations');
  await hd.close();
});
