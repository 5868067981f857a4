import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { baseUrl, launch, login, shot } from './browser.ts';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** Six weeks ahead: no demo plan or requisition is there, whatever day the test runs. */
const day = (() => {
  const d = new Date(Date.now() + 8 * 3600_000 + 42 * 86400_000);
  return d.toISOString().slice(0, 10);
})();
const code = `e2e-${Date.now().toString(36)}`;

async function pick(page: Page, label: string, search: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(search);
  await page.locator('.ant-select-item-option-active').first().waitFor();
  await box.press('Enter');
}

async function newSession(username: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await login(page, username);
  await page.getByText('退出').waitFor();
  return page;
}

it('head chef adds a dish with its recipe, plans and publishes a lunch, generates the requisition; the canteen head approves it; a diner sees the dish on the phone', async () => {
  const chef = await newSession('chef.yj');
  await chef.goto(`${baseUrl()}/dishes/new`);
  await chef.getByLabel('名称', { exact: true }).fill('测试香煎鸡排');
  await chef.getByLabel('编码', { exact: true }).fill(code);
  await chef.getByText('荤菜', { exact: true }).click();
  await chef.getByLabel('售价（元）').fill('12.5');
  await chef.getByLabel('每份重量（克）').fill('180');
  await pick(chef, '添加食材', 'chicken-breast');
  await chef.getByLabel('第 1 行净用量').fill('150');
  await chef.getByLabel('第 1 行出成率').fill('95');
  await pick(chef, '添加食材', 'soy-light');
  await chef.getByLabel('第 2 行净用量').fill('8');
  await chef.getByRole('button', { name: '保存', exact: true }).click();
  await chef.waitForURL(/\/dishes\/\d+$/);
  await chef.getByText('测试香煎鸡排').first().waitFor();
  await shot(chef, 'dish-editor');

  await chef.goto(`${baseUrl()}/menu`);
  await chef.getByText('午餐').first().waitFor();
  await shot(chef, 'menu-week');
  await chef.goto(`${baseUrl()}/menu/plan/${day}/lunch`);
  await pick(chef, '添加菜品', code);
  // More than the demo's stock of frozen chicken breast (two weeks' supply), so the requisition has something to buy.
  await chef.getByLabel('测试香煎鸡排 份数').fill('5000');
  const rice = chef.getByLabel('米饭 份数');
  if (await rice.count()) await rice.fill('600');
  await chef.getByRole('button', { name: '发布', exact: true }).click();
  await chef.getByText('已发布，就餐人员现在可以看到').waitFor();
  await shot(chef, 'plan-editor');

  await chef.goto(`${baseUrl()}/requisitions`);
  await chef.getByRole('button', { name: '生成请购单' }).click();
  for (const label of ['开始日期', '结束日期']) {
    const input = chef.getByLabel(label);
    await input.click();
    await input.fill(day);
    await input.press('Enter');
  }
  await chef.getByRole('button', { name: '生成', exact: true }).click();
  await chef.waitForURL(/\/requisitions\/\d+$/);
  const url = chef.url();
  // chicken breast: 5,000 × 150 g ÷ 95 % = 789,474 g, less what is in stock
  await chef.getByText('鸡胸肉').first().waitFor();
  await chef.getByRole('button', { name: '提交审核' }).click();
  await chef.getByText('已提交，等待食堂负责人审核。').waitFor();
  await shot(chef, 'requisition-submitted');
  await chef.context().close();

  const head = await newSession('head.yj');
  await head.goto(url);
  await head.getByRole('button', { name: '审核通过' }).click();
  await head.getByText(/审核通过：/).waitFor();
  await shot(head, 'requisition-approved');
  const print = await head.context().newPage();
  await print.goto(`${url}/print`);
  await print.getByText('制单').first().waitFor();
  await shot(print, 'requisition-print');
  await head.context().close();

  const diner = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const phone = await diner.newPage();
  await login(phone, 'diner1');
  await phone.waitForURL(/\/m/);
  await phone.goto(`${baseUrl()}/m?date=${day}`);
  await phone.getByText('应急综合大楼食堂').first().click();
  await phone.getByText('测试香煎鸡排').first().waitFor();
  await shot(phone, 'phone-menu');
  expect(await phone.getByText('测试香煎鸡排').count()).toBeGreaterThan(0);
  await diner.close();
});
