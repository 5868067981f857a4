import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { baseUrl, launch, login, shot } from './browser.ts';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

it('an administrator signs in, sees the home page in Chinese, and switches to English', async () => {
  const page = await browser.newPage();
  await page.goto(`${baseUrl()}/`);
  await login(page, 'admin', 'wrong-password');
  await expect.poll(() => page.getByText('用户名或密码错误').count()).toBe(1);
  await login(page, 'admin');
  await page.getByText('您好，系统管理员').waitFor();
  await shot(page, 'home-admin');
  await page.getByText('EN', { exact: true }).click();
  await page.getByText('Hello, 系统管理员').waitFor();
  await page.close();
});
