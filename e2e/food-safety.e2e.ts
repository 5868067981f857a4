import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { SampleCabinetSimulator } from '../server/src/devices/simulators/sample-cabinet.ts';
import { apiOrThrow } from './api-client.ts';
import { baseUrl, launch, session, shot } from './browser.ts';

let browser: Browser;
let cabinet: SampleCabinetSimulator | undefined;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await cabinet?.stop(); await browser?.close(); });

/** A photo as a phone camera gives it. */
const photo = async () => ({
  name: 'photo.jpg', mimeType: 'image/jpeg',
  buffer: await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 170, g: 120, b: 80 } } }).jpeg().toBuffer(),
});

type RosterEntry = { workerId: number; name: string; status: string; certificate: { status: string } };

it('the safety officer runs a morning check at the kiosk and the worker is fit for duty', async () => {
  const officer = await apiOrThrow('safety.yj');
  const roster = await officer.get<{ workers: RosterEntry[] }>(`/api/workers/roster?canteenId=${officer.canteenId}`);
  const worker = roster.workers.find((w) => (w.status === 'pending' || w.status === 'absent') && w.certificate.status !== 'expired');
  expect(worker, 'the demo leaves some workers unchecked today').toBeTruthy();

  const kiosk = await session(browser, 'safety.yj', 1280, 800);
  await kiosk.goto(`${baseUrl()}/kiosk/morning-check`);
  await kiosk.getByRole('button', { name: worker!.name, exact: true }).click();
  for (const key of ['3', '6', '5']) await kiosk.getByRole('button', { name: key, exact: true }).click();
  await kiosk.getByRole('group', { name: '手部检查' }).getByRole('button', { name: '合格', exact: true }).click();
  await kiosk.getByRole('group', { name: '症状' }).getByRole('button', { name: /正常/ }).click();
  await kiosk.getByRole('button', { name: '全部是' }).click();
  await shot(kiosk, 'food-safety-kiosk-form');
  await kiosk.getByRole('button', { name: '提交晨检' }).click();
  await expect.poll(() => kiosk.getByRole('status').textContent()).toMatch(/合格/);
  expect(await kiosk.getByRole('status').textContent()).not.toContain('不合格');
  await shot(kiosk, 'food-safety-kiosk-result');

  const after = await officer.get<{ workers: RosterEntry[] }>(`/api/workers/roster?canteenId=${officer.canteenId}`);
  expect(after.workers.find((w) => w.workerId === worker!.workerId)?.status).toBe('fit');
});

it('the sample keeper puts a box in the cabinet, names the dish on the phone with a photo, and the sample is kept at the cabinet\'s weight', async () => {
  const officer = await apiOrThrow('safety.yj');
  const day = await officer.get<{ meals: { meal: string; dishes: { dishId: number; dishName: string; status: string }[] }[] }>(`/api/samples?canteenId=${officer.canteenId}`);
  const open = day.meals.flatMap((m) => m.dishes.filter((d) => d.status === 'missing' || d.status === 'due').map((d) => ({ meal: m.meal, ...d })));
  expect(open.length, 'a dish still waiting for its sample today').toBeGreaterThan(0);
  const target = open[0]!;

  const phone = await session(browser, 'safety.yj', 390, 844);
  await phone.goto(`${baseUrl()}/m/samples`);
  const meals = phone.getByRole('radiogroup', { name: '餐次' });
  await meals.getByRole('radio').filter({ hasText: { breakfast: '早餐', lunch: '午餐', dinner: '晚餐', late: '夜宵' }[target.meal]! }).click();
  await phone.getByRole('radiogroup', { name: '菜品' }).getByRole('radio').filter({ hasText: target.dishName }).first().click();

  cabinet = await SampleCabinetSimulator.start({ code: 'CAB-YJZH-01', token: 'demo-scale-token', url: inject('mqttUrl'), temperatureEveryMs: 0, onError: () => {} });
  await cabinet.place(77, 168);
  const weighing = phone.getByRole('radiogroup', { name: '留样柜的称重' }).getByRole('radio').filter({ hasText: '168' });
  // The newest weighing is taken at once; a tap on it would let it go again.
  await weighing.waitFor({ timeout: 15_000 });
  if ((await weighing.getAttribute('aria-checked')) !== 'true') await weighing.click();
  await phone.locator('input[type=file]').setInputFiles(await photo());
  await shot(phone, 'food-safety-sample-phone');
  await phone.getByRole('button', { name: /保存留样/ }).click();
  await expect.poll(async () => (await officer.get<typeof day>(`/api/samples?canteenId=${officer.canteenId}`)).meals
    .find((m) => m.meal === target.meal)!.dishes.find((d) => d.dishId === target.dishId)!.status).toBe('kept');
});

it('the area warden does a checklist item on the phone with a photo, the hall manager closes the day\'s checklist, and the canteen head and diners see the day', async () => {
  const warden = await apiOrThrow('warden.yj');
  const mine = await warden.get<{ tasks: { id: number; title: string; status: string }[] }[]>('/api/inspections/my-tasks');
  const task = mine.flatMap((d) => d.tasks).find((x) => x.status !== 'done');
  expect(task, 'the warden has an item still to do today').toBeTruthy();

  const phone = await session(browser, 'warden.yj', 390, 844);
  await phone.goto(`${baseUrl()}/m/inspection`);
  await phone.getByRole('button', { name: new RegExp(`^${task!.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}，`) }).click();
  await phone.locator('input[type=file]').setInputFiles(await photo());
  await phone.getByRole('button', { name: /正常/ }).click();
  await expect.poll(async () => (await warden.get<typeof mine>('/api/inspections/my-tasks')).flatMap((d) => d.tasks).find((x) => x.id === task!.id)?.status).toBe('done');
  await shot(phone, 'food-safety-inspection-phone');

  const hall = await session(browser, 'hall.yj', 1280, 900);
  await hall.goto(`${baseUrl()}/inspection`);
  await hall.getByRole('button', { name: '关闭当日自查' }).click();
  await hall.getByRole('textbox', { name: '原因' }).fill('下午全楼消防演练，余项次日补查');
  await hall.getByRole('dialog').locator('.ant-modal-footer').getByRole('button', { name: /^关\s?闭$/ }).click();
  await hall.getByText('已关闭', { exact: true }).first().waitFor();
  await shot(hall, 'food-safety-inspection-closed');

  // The canteen head's home page shows the day at a glance; the safety page the same.
  const head = await session(browser, 'head.yj', 1440, 900);
  await head.goto(`${baseUrl()}/safety`);
  await head.getByText('今日自查已闭环').waitFor();
  await shot(head, 'food-safety-day');

  // A diner looks into the kitchen: the sample kept above and the inspection photo are there.
  const diner = await session(browser, 'diner1', 390, 844);
  await diner.goto(`${baseUrl()}/m/open-kitchen`);
  await diner.getByRole('tab', { name: '应急综合大楼食堂' }).click();
  await diner.getByRole('article', { name: task!.title }).waitFor();
  expect(await diner.getByRole('article', { name: task!.title }).getByRole('img').count()).toBeGreaterThan(0);
  await shot(diner, 'food-safety-open-kitchen');
});
