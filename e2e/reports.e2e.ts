import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { baseUrl, launch, login, shot } from './browser.ts';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

it('the canteen head opens the stock balance report for the last 30 days, downloads it as Excel and opens the print sheet', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  await login(page, 'head.yj');
  await page.getByText('退出').waitFor();

  // From the menu, as a user would: 报表 → the 收发存汇总表 card → 近 30 天.
  await page.getByRole('menuitem', { name: /报表/ }).click();
  await page.getByRole('radio', { name: /收发存汇总表/ }).click();
  await page.getByRole('button', { name: '近 30 天' }).click();
  await page.getByRole('heading', { name: '收发存汇总表' }).waitFor();
  // Column groups from the document: 期初结存 … 期末结存 over quantity and amount, and a totals row.
  await page.getByRole('columnheader', { name: '期初结存' }).waitFor();
  await page.getByRole('columnheader', { name: '期末结存' }).waitFor();
  await page.getByRole('columnheader', { name: '期末金额(元)' }).waitFor();
  const totals = page.locator('.ant-table-summary tr').filter({ hasText: '合计' });
  await totals.waitFor();
  // The demo has 21 days of deliveries: the period took stock in, so the totals row carries figures.
  expect(await totals.innerText()).toMatch(/\d{1,3}(,\d{3})*\.\d{2}/);
  await page.getByRole('img', { name: '期末金额前十的食材' }).waitFor();
  await shot(page, 'report-stock-balance');

  // 导出 Excel: the server's xlsx, saved under the report's name.
  const [response, download] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/reports/stock-balance') && r.url().includes('format=xlsx')),
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel' }).click(),
  ]);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('spreadsheetml');
  expect(download.suggestedFilename()).toMatch(/^收发存汇总表.*\.xlsx$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip container, as every xlsx is
  await page.getByText(/已下载：收发存汇总表/).waitFor();

  // 打印: the A4 sheet with title, period, group headings, totals and signature lines.
  await page.getByRole('button', { name: '打印' }).click();
  await page.waitForURL(/\/reports\/print\?report=stock-balance/);
  const sheet = page.locator('.ps-sheet');
  await sheet.getByRole('heading', { name: '收发存汇总表' }).waitFor();
  await sheet.getByText(/应急综合大楼食堂\s+\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/).waitFor();
  await sheet.getByRole('columnheader', { name: '期初结存' }).waitFor();
  await sheet.locator('tr.rp-total').getByText('合计').waitFor();
  await sheet.getByText('仓管员：').waitFor();
  await sheet.getByText('食堂负责人：').waitFor();
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'report-print');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '返回' }).click();
  await page.getByRole('radio', { name: /收发存汇总表/, checked: true }).waitFor();
  await context.close();
});
