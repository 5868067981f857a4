import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { baseUrl, launch, session, shot } from './browser.ts';
import { apiOrThrow } from './api-client.ts';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** A 24×24 red PNG: the diner's photo of the dish. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAAAH0lEQVR4nGM4YaNBFcQwatCoQaMGjRo0atCoQQNvEAC6QaMfOyGMWwAAAABJRU5ErkJggg==', 'base64');
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);

it('a diner answers a survey and leaves feedback with a photo on the phone, the hall manager replies on the desktop, the diner sees the reply and is satisfied', async () => {
  // Setup: the canteen head of 应急综合大楼食堂 publishes a survey.
  const head = await apiOrThrow('head.yj');
  const canteen = head.canteen;
  const survey = await head.post<{ id: number }>('/api/surveys', {
    canteenId: canteen.id, title: '本周就餐满意度调查', intro: '请花一分钟告诉我们您的感受。', opensOn: today(), closesOn: inDays(7),
    questions: [
      { kind: 'rating', aspect: 'taste', text: '饭菜口味' },
      { kind: 'rating', aspect: 'hygiene', text: '就餐环境卫生' },
      { kind: 'choice', text: '您通常几点来吃午饭？', options: ['11:30 以前', '11:30–12:00', '12:00 以后'] },
      { kind: 'text', text: '您还有什么建议？' },
    ],
  });
  await head.post(`/api/surveys/${survey.id}/publish`);

  // 1. The diner on a phone: surveys → answer → thanks.
  const phone = await session(browser, 'diner1', 390, 844);
  await phone.goto(`${baseUrl()}/m/surveys`);
  await phone.getByRole('link', { name: '本周就餐满意度调查' }).click();
  await phone.getByText('请花一分钟告诉我们您的感受。').waitFor();
  await phone.getByRole('button', { name: '提交' }).click();
  // Nothing answered: the required questions are marked, nothing is sent.
  await expect.poll(() => phone.getByText('请回答这一题').count()).toBe(3);
  await phone.getByRole('radiogroup', { name: '饭菜口味' }).getByRole('radio', { name: '4 星' }).click();
  await phone.getByRole('radiogroup', { name: '就餐环境卫生' }).getByRole('radio', { name: '5 星' }).click();
  await phone.getByRole('radio', { name: '11:30–12:00' }).click();
  await phone.getByRole('textbox', { name: '您还有什么建议？' }).fill('希望多一些清淡的素菜');
  await shot(phone, 'm-survey-answer');
  await phone.getByRole('button', { name: '提交' }).click();
  await phone.getByText('感谢您的参与！').waitFor();
  await phone.goto(`${baseUrl()}/m/surveys`);
  await phone.getByText('已参加').waitFor();
  await shot(phone, 'm-surveys');

  // 2. Feedback with a photo.
  await phone.goto(`${baseUrl()}/m/feedback`);
  await phone.getByRole('button', { name: '写意见' }).click();
  await phone.getByRole('radio', { name: canteen.name }).click();
  await phone.getByRole('radio', { name: '口味' }).click();
  await phone.getByLabel('您的意见').fill('今天午餐的红烧肉偏咸，希望少放点盐。');
  await phone.getByTestId('feedback-photo').setInputFiles({ name: 'dish.png', mimeType: 'image/png', buffer: PHOTO });
  await phone.getByRole('img', { name: '照片 1' }).waitFor();
  await shot(phone, 'm-feedback-new');
  await phone.getByRole('button', { name: '提交' }).click();
  await phone.getByText('今天午餐的红烧肉偏咸，希望少放点盐。').waitFor();
  const mine = phone.getByRole('article').filter({ hasText: '今天午餐的红烧肉偏咸' });
  await mine.getByText('待回复').waitFor();
  await expect.poll(() => mine.getByRole('img', { name: '照片' }).count()).toBe(1);
  await shot(phone, 'm-feedback-list');

  // 3. The dining-hall manager replies on the desktop.
  const hall = await session(browser, 'hall.yj', 1366, 768);
  await hall.goto(`${baseUrl()}/feedback`);
  await hall.getByRole('cell', { name: /今天午餐的红烧肉偏咸/ }).click();
  const drawer = hall.getByRole('dialog');
  await drawer.getByLabel('回复内容').fill('感谢反馈！已转告厨师长，明天起红烧肉减盐。');
  await shot(hall, 'feedback-inbox-reply');
  await drawer.getByRole('button', { name: '发送回复' }).click();
  await drawer.getByText('感谢反馈！已转告厨师长，明天起红烧肉减盐。').waitFor();
  await drawer.locator('.ant-tag').getByText('已回复').waitFor();
  await hall.context().close();

  // 4. The diner sees the reply and is satisfied.
  await phone.reload();
  await mine.getByText('感谢反馈！已转告厨师长，明天起红烧肉减盐。').waitFor();
  await shot(phone, 'm-feedback-reply');
  await mine.getByRole('button', { name: /(^|\s)满意$/ }).click();
  await mine.getByText('已关闭').waitFor();
  await mine.getByText('您对回复表示满意').waitFor();

  // 5. The disclosure page shows the survey's averages among today's prices and suppliers.
  await phone.goto(`${baseUrl()}/m/disclosure`);
  await phone.getByRole('tab', { name: canteen.name }).click();
  await phone.getByText('今日菜品价格').waitFor();
  await phone.getByText('供应商与验收').waitFor();
  await phone.getByText('本周就餐满意度调查').waitFor();
  await shot(phone, 'm-disclosure');
  await phone.context().close();

  // 6. The canteen head reads the results with their chart.
  const desk = await session(browser, 'head.yj', 1366, 768);
  await desk.goto(`${baseUrl()}/surveys`);
  await desk.getByRole('row', { name: /本周就餐满意度调查/ }).getByRole('button', { name: '结果' }).click();
  const results = desk.getByRole('dialog');
  await results.getByRole('img', { name: '各项评分分布' }).waitFor();
  await results.getByText('希望多一些清淡的素菜').waitFor();
  await desk.waitForTimeout(800); // the chart's entry animation
  await shot(desk, 'survey-results');
  await results.getByRole('button', { name: 'Close' }).or(results.getByRole('button', { name: '关闭' })).first().click();

  // 7. …and drafts the next survey with the default questions.
  await desk.getByRole('button', { name: '新建调查' }).click();
  const editor = desk.getByRole('dialog', { name: '新建调查' });
  await editor.getByLabel('标题').fill('下周就餐满意度调查');
  await shot(desk, 'survey-editor');
  await editor.getByRole('button', { name: '保存草稿' }).click();
  await desk.getByRole('row', { name: /下周就餐满意度调查/ }).getByText('草稿').waitFor();
  await desk.context().close();
});
