import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { baseUrl, launch, login, shot } from './browser.ts';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

it('a head chef adds a canteen ingredient; a duplicate code is refused with the reason shown in the dialog', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await login(page, 'chef.fn');
  await page.getByText('退出').waitFor();
  await page.goto(`${baseUrl()}/ingredients`);
  for (const attempt of ['first', 'duplicate']) {
    await page.getByRole('button', { name: '新建食材' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('编码', { exact: true }).fill('fn-wild-greens');
    await dialog.getByLabel('名称', { exact: true }).fill('枫南野菜');
    // Keyboard, as a clerk would: open the 类别 list, take its first entry (蔬菜).
    await dialog.getByLabel('类别', { exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active[title="蔬菜"]').waitFor();
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: '保存' }).click();
    if (attempt === 'first') {
      await dialog.waitFor({ state: 'hidden', timeout: 8000 }).catch(async (e) => { await shot(page, 'ingredient-fail'); throw e; });
    } else {
      await dialog.getByText('食材编码 fn-wild-greens 已存在').first().waitFor();
      await shot(page, 'ingredient-duplicate');
      await dialog.getByRole('button', { name: '取消' }).click();
    }
  }
  await page.getByPlaceholder(/搜索|查找/).first().fill('枫南野菜');
  await page.keyboard.press('Enter');
  await page.getByRole('cell', { name: '枫南野菜' }).first().waitFor();
  await shot(page, 'ingredients');
  expect(await page.getByRole('cell', { name: '枫南野菜' }).count()).toBe(1);
  await page.close();
});
