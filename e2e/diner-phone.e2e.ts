import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiAs, ensureMealServed } from './api-client.ts';
import { baseUrl, launch, login, shot, shotsDir } from './browser.ts';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const fen = (text: string | null) => Math.round(Number((text ?? '').replace(/[^\d.]/g, '')) * 100);

it('a diner on a 390×844 phone sees the balance, tops up ¥50 through the local provider, shows the pay code, reads history and nutrition', async () => {
  // A meal paid at the station now, so history and nutrition have a tray of dishes to show.
  await ensureMealServed('yj');
  const cashier = await apiAs('cashier.yj');
  const board = await cashier.get<{ meal: string; dishes: { dishId: number; name: string }[] }>(`/api/checkout/board?canteenId=${cashier.canteen.id}`);
  const dishes = board.status === 200 ? board.body.dishes : [];
  // A late meal (after 20:00) counts for no share of the day's intake, so the day's rings show only after the others.
  const judged = dishes.length > 0 && board.body.meal !== 'late';
  if (dishes.length) {
    const lines = [{ dishId: dishes[0]!.dishId, portions: 1 }, ...(dishes[1] ? [{ dishId: dishes[1].dishId, how: 'weigh', weightG: 250 }] : [])];
    const sold = await cashier.post('/api/checkout/sales', { canteenId: cashier.canteen.id, requestKey: `e2e-diner-phone-${Date.now()}`, identify: { card: 'TZ000001' }, lines });
    expect(sold.status, JSON.stringify(sold.body)).toBe(201);
  }

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const phone = await context.newPage();
  await login(phone, 'diner1');
  await phone.waitForURL(/\/m$/);

  // 1. Home: the balance card and the tab bar.
  const total = phone.getByTestId('balance-total');
  await total.waitFor();
  await phone.getByText('现金钱包').waitFor();
  await phone.getByText('补贴钱包').waitFor();
  await phone.getByText('TZ000001').waitFor();
  const before = fen(await total.textContent());
  const cashBefore = fen(await phone.getByTestId('balance-cash').textContent());
  await phone.getByRole('navigation', { name: '主菜单' }).waitFor();
  await shot(phone, 'm-diner-home');

  // 2. Top up ¥50 at the local provider's page; the balance goes up by that much.
  await phone.getByRole('link', { name: '充值' }).first().click();
  await phone.getByRole('radio', { name: '¥50' }).click();
  await shot(phone, 'm-top-up');
  await phone.getByRole('button', { name: '去支付 ¥50.00' }).click();
  await phone.waitForURL(/\/m\/pay\//);
  await phone.getByText('本地模拟支付（测试用）').waitFor();
  await shot(phone, 'm-local-pay');
  await phone.getByRole('button', { name: '确认支付' }).click();
  await phone.getByText('充值成功 ¥50.00').waitFor();
  await phone.getByText(`当前余额 ¥${((before + 5000) / 100).toFixed(2)}`).waitFor();
  await shot(phone, 'm-top-up-done');
  await phone.getByRole('button', { name: '返回余额' }).click();
  await expect.poll(async () => fen(await phone.getByTestId('balance-total').textContent())).toBe(before + 5000);
  expect(fen(await phone.getByTestId('balance-cash').textContent())).toBe(cashBefore + 5000);

  // 3. The pay code: a QR is drawn, with the code under it.
  await phone.getByRole('link', { name: '付款码' }).first().click();
  const qr = phone.getByRole('img', { name: '付款二维码' });
  await qr.waitFor();
  expect(await qr.locator('svg path').count()).toBeGreaterThan(0);
  expect(await phone.getByTestId('pay-code-text').textContent()).toMatch(/^SLP1\.\d+\.\d{10}\./);
  await phone.getByText('请把屏幕亮度调高').waitFor();
  await shot(phone, 'm-pay-code');

  // 4. History: the top-up on top, and the meal with its dishes.
  await phone.goto(`${baseUrl()}/m/history`);
  await phone.getByRole('article', { name: '充值' }).first().getByText('+¥50.00').waitFor();
  if (dishes.length) await phone.getByText(dishes[0]!.name).first().waitFor();
  await shot(phone, 'm-history');
  await phone.screenshot({ path: `${shotsDir}/m-history-top.png` });
  await phone.getByRole('link', { name: '返回' }).click();

  // 5. Nutrition of what was eaten, today and this week.
  await phone.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '营养' }).click();
  await phone.getByRole('heading', { name: /本周/ }).waitFor();
  if (dishes.length && !judged) await phone.getByText(/今天在食堂吃了.*夜宵/).waitFor();
  if (judged) {
    await phone.getByRole('group', { name: '蛋白质' }).waitFor();
    await phone.getByText(/本周.*蛋白质达标 \d+\/\d+ 天/).first().waitFor();
    await phone.getByRole('img', { name: '本周每天能量、蛋白质和钠占目标的百分比' }).locator('canvas').waitFor();
    await phone.waitForTimeout(800); // the chart's entry animation
  }
  await shot(phone, 'm-nutrition');
  await phone.screenshot({ path: `${shotsDir}/m-nutrition-top.png` });

  // 6. The week's menu and "me" with the lost-card dialog (cancelled: other tests use diner1's card).
  await phone.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '菜谱' }).click();
  await phone.getByRole('tab', { name: /明天/ }).click();
  await phone.getByRole('heading', { name: '明日菜谱' }).waitFor();
  await phone.getByRole('tab', { name: /今天/ }).click();
  await phone.getByRole('heading', { name: '今日菜谱' }).waitFor();
  // Today's menu opens on the meal being served (by the phone's clock) or the next one published; the others are a tap away.
  const china = new Date(Date.now() + 8 * 3600_000);
  const published = await (await apiAs('diner1')).get<{ meals: { meal: string }[] }[]>(`/api/menu/published?date=${china.toISOString().slice(0, 10)}`);
  const todays = (published.body.find((c) => c.meals.length)?.meals ?? []).map((m) => m.meal);
  const MEALS = ['breakfast', 'lunch', 'dinner', 'late'];
  const LABEL: Record<string, string> = { breakfast: '早餐', lunch: '午餐', dinner: '晚餐', late: '夜宵' };
  const hour = china.getUTCHours() + china.getUTCMinutes() / 60;
  const now = MEALS.indexOf(hour < 9.5 ? 'breakfast' : hour < 13.5 ? 'lunch' : hour < 19.5 ? 'dinner' : 'late');
  const opening = todays.find((m) => MEALS.indexOf(m) >= now) ?? todays[todays.length - 1];
  expect(todays.length, 'the demo publishes several meals a day').toBeGreaterThan(1);
  const mealTabs = phone.getByRole('tablist', { name: '餐次' });
  await expect.poll(() => mealTabs.getByRole('tab', { selected: true }).textContent()).toBe(LABEL[opening!]);
  await phone.getByRole('heading', { name: new RegExp(`^${LABEL[opening!]}`) }).waitFor();
  const other = todays.find((m) => m !== opening)!;
  await mealTabs.getByRole('tab', { name: LABEL[other] }).click();
  await phone.getByRole('heading', { name: new RegExp(`^${LABEL[other]}`) }).waitFor();
  expect(await phone.getByRole('heading', { name: new RegExp(`^${LABEL[opening!]}`) }).count()).toBe(0);
  await mealTabs.getByRole('tab', { name: LABEL[opening!] }).click();
  await shot(phone, 'm-menu-week');
  await phone.screenshot({ path: `${shotsDir}/m-menu-week-top.png` });
  await phone.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '我的' }).click();
  await phone.getByRole('button', { name: /挂失就餐卡/ }).click();
  const dialog = phone.getByRole('dialog', { name: '挂失就餐卡？' });
  await dialog.waitFor();
  await phone.waitForTimeout(500); // the dialog's zoom-in
  await phone.screenshot({ path: `${shotsDir}/m-me-lost.png` });
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await shot(phone, 'm-me');
  await context.close();

  // The same app on a desktop browser keeps to a phone-wide column.
  const wide = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const desk = await wide.newPage();
  await login(desk, 'diner1');
  await desk.getByTestId('balance-total').waitFor();
  await desk.screenshot({ path: `${shotsDir}/m-diner-home-desktop.png` });
  await wide.close();
});
