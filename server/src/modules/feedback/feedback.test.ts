import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dish, planningLibrary } from '../../../test/canteen-fixture.ts';
import { Client, testApp } from '../../../test/harness.ts';

const now = new Date('2026-11-25T02:00:00Z'); // 2026-11-25 10:00 in Shanghai
let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client, chef1: Client, head1: Client, store1: Client, head2: Client, diner1: Client, diner2: Client, hall1: Client, hall2: Client;

const ok = <T = any>(r: { status: number; body: T }, status = 200): T => {
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const auditOf = async (entity: string, id: number) =>
  ok<{ items: { id: number; action: string; actorName: string | null }[] }>(await admin.get(`/api/audit?entity=${entity}&entityId=${id}`)).items
    .sort((a, b) => a.id - b.id).map((a) => [a.action, a.actorName]);

beforeAll(async () => {
  t = await testApp(() => now);
  [admin, chef1, head1, store1, head2, diner1, diner2, hall1, hall2] = await Promise.all(
    ['admin', 'chef1', 'head1', 'store1', 'head2', 'diner1', 'diner2', 'hall1', 'hall2'].map((u) => t.as(u)));
});
afterAll(() => t.close());

const QUESTIONS = [
  { kind: 'rating', aspect: 'taste', text: '饭菜口味' },
  { kind: 'rating', aspect: 'hygiene', text: '环境卫生' },
  { kind: 'choice', text: '您最常来吃哪一餐？', options: ['早餐', '午餐', '晚餐'] },
  { kind: 'text', text: '还有什么建议？' },
];
const survey = (extra: Record<string, unknown> = {}) => ({ canteenId: t.fx.orgs.k1, title: '十一月满意度调查', opensOn: '2026-11-20', closesOn: '2026-11-30', questions: QUESTIONS, ...extra });

describe('surveys', () => {
  let id: number;
  let q: { id: number; kind: string }[];
  const answers = (taste: number, hygiene: number, choice: number, text?: string) => ({
    answers: [{ questionId: q[0]!.id, rating: taste }, { questionId: q[1]!.id, rating: hygiene }, { questionId: q[2]!.id, choice }, ...(text ? [{ questionId: q[3]!.id, text }] : [])],
  });

  it('a canteen head drafts a survey; bad input is refused in the reader\'s language and changes nothing', async () => {
    const en = await new Client(t.app, 'en').login('head1');
    const bad = await en.post('/api/surveys', survey({ closesOn: '2026-11-19' }));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('closes before it opens');
    const zh = await head1.post('/api/surveys', survey({ questions: [{ kind: 'choice', text: '只有一个选项', options: ['是'] }] }));
    expect(zh.status).toBe(400);
    expect(zh.body.message).toContain('至少两个选项');
    expect((await head1.post('/api/surveys', survey({ questions: [{ kind: 'rating', aspect: 'smell', text: '气味' }] }))).status).toBe(400);
    expect(ok<any[]>(await head1.get('/api/surveys'))).toEqual([]);

    const s = ok(await head1.post('/api/surveys', survey()), 201);
    expect(s).toMatchObject({ status: 'draft', orgId: t.fx.orgs.k1, canteenName: '一号食堂', responses: 0 });
    expect(s.questions.map((x: any) => [x.position, x.kind, x.aspect, x.required])).toEqual([[1, 'rating', 'taste', true], [2, 'rating', 'hygiene', true], [3, 'choice', null, true], [4, 'text', null, false]]);
    id = s.id;
    q = s.questions;
    // Diners do not see drafts; they may not create surveys.
    expect(ok<any[]>(await diner1.get('/api/surveys/open'))).toEqual([]);
    expect((await diner1.post('/api/surveys', survey())).status).toBe(403);
    expect((await diner1.post(`/api/surveys/${id}/responses`, answers(5, 5, 1))).status).toBe(404);
  });

  it('another canteen\'s head neither sees nor publishes it', async () => {
    expect((await head2.get(`/api/surveys/${id}`)).status).toBe(404);
    expect((await head2.post(`/api/surveys/${id}/publish`)).status).toBe(404);
    expect((await head2.get(`/api/surveys?canteenId=${t.fx.orgs.k1}`)).status).toBe(404);
    expect(ok<any[]>(await head2.get('/api/surveys'))).toEqual([]);
    expect(ok<any[]>(await hall1.get('/api/surveys')).map((s) => s.id)).toEqual([id]);
  });

  it('is edited as a draft, published, then fixed', async () => {
    const edited = ok(await hall1.put(`/api/surveys/${id}`, { ...survey(), canteenId: undefined, title: '十一月就餐满意度调查' }));
    expect(edited.title).toBe('十一月就餐满意度调查');
    q = edited.questions;
    expect(ok(await head1.post(`/api/surveys/${id}/publish`)).status).toBe('published');
    const again = await head1.put(`/api/surveys/${id}`, { ...survey(), canteenId: undefined });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('调查已发布，不能再修改问题');
    const open = ok<any[]>(await diner1.get('/api/surveys/open'));
    expect(open).toMatchObject([{ id, canteenName: '一号食堂', answeredAt: null }]);
    expect(open[0].questions).toHaveLength(4);
  });

  it('takes a diner\'s answers once: a second sheet is refused with 409, even sent at the same moment', async () => {
    expect(ok(await diner1.post(`/api/surveys/${id}/responses`, answers(5, 4, 1, '希望多些素菜')), 201)).toMatchObject({ surveyId: id, answers: 4 });
    const second = await diner1.post(`/api/surveys/${id}/responses`, answers(1, 1, 0));
    expect(second.status).toBe(409);
    expect(second.body.message).toBe('您已参加过本次调查，感谢支持');
    expect(ok<any[]>(await diner1.get('/api/surveys/open'))[0].answeredAt).toBe(now.toISOString());

    const both = await Promise.all([diner2.post(`/api/surveys/${id}/responses`, answers(3, 5, 1)), diner2.post(`/api/surveys/${id}/responses`, answers(3, 5, 1))]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('refuses answers that do not fit, naming the missing question, and stores nothing', async () => {
    const before = ok(await head1.get(`/api/surveys/${id}/results`)).responses;
    const fresh = await t.as('admin');
    expect((await fresh.post(`/api/surveys/${id}/responses`, { answers: [{ questionId: q[0]!.id, rating: 6 }] })).status).toBe(400);
    const missing = await fresh.post(`/api/surveys/${id}/responses`, { answers: [{ questionId: q[0]!.id, rating: 4 }] });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toBe('请回答第 2、3 题');
    const unfit = await fresh.post(`/api/surveys/${id}/responses`, { answers: [{ questionId: q[0]!.id, choice: 1 }, { questionId: q[1]!.id, rating: 3 }, { questionId: q[2]!.id, choice: 7 }] });
    expect(unfit.status).toBe(422);
    expect(ok(await head1.get(`/api/surveys/${id}/results`)).responses).toBe(before);
  });

  it('shows averages and the distribution per question to its canteen only, and exports them to Excel', async () => {
    const r = ok(await hall1.get(`/api/surveys/${id}/results`));
    expect(r.responses).toBe(2);
    expect(r.questions.map((x: any) => [x.text, x.answered, x.average, x.distribution])).toEqual([
      ['饭菜口味', 2, 4, [0, 0, 1, 0, 1]],
      ['环境卫生', 2, 4.5, [0, 0, 0, 1, 1]],
      ['您最常来吃哪一餐？', 2, null, [0, 2, 0]],
      ['还有什么建议？', 1, null, []],
    ]);
    expect(r.questions[3].texts).toEqual([{ text: '希望多些素菜', at: now.toISOString() }]);
    expect((await head2.get(`/api/surveys/${id}/results`)).status).toBe(404);
    expect((await diner1.get(`/api/surveys/${id}/results`)).status).toBe(403);
    const xlsx = await head1.get(`/api/surveys/${id}/results?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('closes: answers stop, and every step is in the audit log', async () => {
    expect(ok(await hall1.post(`/api/surveys/${id}/close`)).status).toBe('closed');
    expect(ok<any[]>(await diner1.get('/api/surveys/open'))).toEqual([]);
    const late = await (await t.as('admin')).post(`/api/surveys/${id}/responses`, answers(2, 2, 2));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('survey_not_open');
    expect((await hall1.post(`/api/surveys/${id}/close`)).status).toBe(409);
    expect(await auditOf('survey', id)).toEqual([
      ['feedback.survey.created', '负责人一'], ['feedback.survey.updated', '餐厅经理一'], ['feedback.survey.published', '负责人一'],
      ['feedback.survey.answered', '就餐者一'], ['feedback.survey.answered', '就餐者二'], ['feedback.survey.closed', '餐厅经理一'],
    ]);
  });
});

describe('feedback', () => {
  let mine: number, other: number, k2: number;
  const png = () => {
    const form = new FormData();
    form.set('file', new File([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')], '菜里有头发.png', { type: 'image/png' }));
    return form;
  };

  it('a diner sends feedback to a canteen of their bureau; bad input is refused and changes nothing', async () => {
    expect((await diner1.post('/api/feedback', { canteenId: t.fx.orgs.k1, category: 'smell', text: '太咸了' })).status).toBe(400);
    const empty = await diner1.post('/api/feedback', { canteenId: t.fx.orgs.k1, category: 'taste', text: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('请写下您的意见');
    expect((await diner1.post('/api/feedback', { canteenId: t.fx.orgs.u1, category: 'taste', text: '太咸了' })).status).toBe(404);
    expect((await diner1.post('/api/feedback', { canteenId: t.fx.orgs.k1, category: 'taste', text: '太咸了', dishId: 99999 })).status).toBe(422);
    expect(ok<any[]>(await diner1.get('/api/feedback/mine'))).toEqual([]);
    expect((await head1.post('/api/feedback', { canteenId: t.fx.orgs.k1, category: 'taste', text: '太咸了' })).status).toBe(403);

    const f = ok(await diner1.post('/api/feedback', { canteenId: t.fx.orgs.k1, category: 'taste', text: '红烧肉太咸了' }), 201);
    expect(f).toMatchObject({ status: 'open', canteenName: '一号食堂', authorName: '就餐者一', replies: [], photoIds: [] });
    mine = f.id;
    other = ok(await diner2.post('/api/feedback', { canteenId: t.fx.orgs.k1, category: 'suggestion', text: '希望增加夜宵' }), 201).id;
    k2 = ok(await diner2.post('/api/feedback', { canteenId: t.fx.orgs.k2, category: 'hygiene', text: '桌面有油渍' }), 201).id;
  });

  it('takes photos from the author only', async () => {
    const withPhoto = ok(await diner1.req('POST', `/api/feedback/${mine}/photos`, png()), 201);
    expect(withPhoto.photoIds).toHaveLength(1);
    expect((await diner2.req('POST', `/api/feedback/${mine}/photos`, png())).status).toBe(404);
    const text = new FormData();
    text.set('file', new File(['hello'], 'a.txt', { type: 'text/plain' }));
    expect((await diner1.req('POST', `/api/feedback/${mine}/photos`, text)).status).toBe(400);
    const photo = await head1.get(`/api/feedback/${mine}/photos/${withPhoto.photoIds[0]}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect((await head2.get(`/api/feedback/${mine}/photos/${withPhoto.photoIds[0]}`)).status).toBe(404);
  });

  it('a diner sees only their own feedback', async () => {
    expect(ok<any[]>(await diner1.get('/api/feedback/mine')).map((f) => f.id)).toEqual([mine]);
    expect(ok<any[]>(await diner2.get('/api/feedback/mine')).map((f) => f.id).sort()).toEqual([other, k2].sort());
    expect((await diner1.get(`/api/feedback/${other}`)).status).toBe(404);
    expect((await diner1.get('/api/feedback')).status).toBe(403);
    expect((await diner1.post(`/api/feedback/${other}/close`)).status).toBe(404);
  });

  it('the staff of canteen K2 neither see nor answer K1\'s feedback', async () => {
    expect(ok<any[]>(await head1.get('/api/feedback')).map((f) => f.id).sort()).toEqual([mine, other].sort());
    expect(ok<any[]>(await hall2.get('/api/feedback')).map((f) => f.id)).toEqual([k2]);
    expect((await hall2.get(`/api/feedback?canteenId=${t.fx.orgs.k1}`)).status).toBe(404);
    expect((await hall2.get(`/api/feedback/${mine}`)).status).toBe(404);
    expect((await hall2.post(`/api/feedback/${mine}/replies`, { text: '收到' })).status).toBe(404);
    expect((await hall2.post(`/api/feedback/${mine}/close`)).status).toBe(404);
    // K1's head chef reads its feedback but does not answer for the canteen.
    expect(ok(await chef1.get(`/api/feedback/${mine}`)).id).toBe(mine);
    expect((await chef1.post(`/api/feedback/${mine}/replies`, { text: '收到' })).status).toBe(403);
    expect((await store1.get('/api/feedback')).status).toBe(403);
    expect(ok(await diner1.get(`/api/feedback/${mine}`))).toMatchObject({ status: 'open', replies: [] });
  });

  it('reply flow: the hall manager replies, the diner is not satisfied, a second reply satisfies and closes it', async () => {
    expect((await hall1.post(`/api/feedback/${mine}/rating`, { satisfied: true })).status).toBe(403);
    expect((await diner1.post(`/api/feedback/${mine}/rating`, { satisfied: true })).status).toBe(409);
    expect((await hall1.post(`/api/feedback/${mine}/replies`, { text: ' ' })).status).toBe(400);
    ok(await hall1.post(`/api/feedback/${mine}/replies`, { text: '已转告厨师长，明日起少放盐。' }), 201);
    const seen = ok(await diner1.get('/api/feedback/mine'))[0];
    expect(seen).toMatchObject({ status: 'replied', satisfied: null, replies: [{ text: '已转告厨师长，明日起少放盐。', byName: '餐厅经理一' }] });

    expect(ok(await diner1.post(`/api/feedback/${mine}/rating`, { satisfied: false }))).toMatchObject({ status: 'open', satisfied: false });
    expect((await diner1.post(`/api/feedback/${mine}/rating`, { satisfied: true })).status).toBe(409);
    ok(await head1.post(`/api/feedback/${mine}/replies`, { text: '今天已调整，欢迎再来品尝。' }), 201);
    const done = ok(await diner1.post(`/api/feedback/${mine}/rating`, { satisfied: true }));
    expect(done).toMatchObject({ status: 'closed', satisfied: true, closedByName: '就餐者一' });
    expect(done.replies.map((r: any) => r.byName)).toEqual(['餐厅经理一', '负责人一']);
    const late = await hall1.post(`/api/feedback/${mine}/replies`, { text: '再补充一句' });
    expect(late.status).toBe(409);
    expect(ok<any[]>(await head1.get('/api/feedback?status=closed')).map((f) => f.id)).toEqual([mine]);

    expect(ok(await hall2.post(`/api/feedback/${k2}/close`))).toMatchObject({ status: 'closed', closedByName: '餐厅经理二' });
    expect(await auditOf('feedback', mine)).toEqual([
      ['feedback.feedback.submitted', '就餐者一'], ['feedback.feedback.photo_added', '就餐者一'], ['feedback.feedback.replied', '餐厅经理一'],
      ['feedback.feedback.rated', '就餐者一'], ['feedback.feedback.replied', '负责人一'], ['feedback.feedback.rated', '就餐者一'],
    ]);
  });
});

describe('public disclosure', () => {
  it('shows any signed-in person today\'s prices, the suppliers with their inspection results, survey averages and feedback handled', async () => {
    const lib = await planningLibrary(admin);
    const braised = (await dish(chef1, { code: 'hsr', name: '红烧肉', kind: 'meat', priceFen: 1200, portionG: 150, recipe: [{ ingredientId: lib.pork, netG: 120, yieldPct: 90 }] })).id;
    const plan = ok(await chef1.put('/api/menu-plans', { canteenId: t.fx.orgs.k1, date: '2026-11-25', meal: 'lunch', items: [{ dishId: braised, portions: 100, priceFen: 1300 }] }));
    ok(await chef1.post(`/api/menu-plans/${plan.id}/publish`));
    ok(await store1.post('/api/stock/receipts', { canteenId: t.fx.orgs.k1, requestKey: 'disclosure-1', supplierId: lib.supplier, lines: [
      { ingredientId: lib.pork, deliveredG: 5000, acceptedG: 5000, decision: 'accepted', grade: 'good', weighedBy: 'manual' },
      { ingredientId: lib.tomato, deliveredG: 2000, acceptedG: 0, decision: 'rejected', grade: 'poor', reason: '腐烂', weighedBy: 'manual' },
    ] }), 201);

    expect(ok<any[]>(await diner1.get('/api/disclosure')).map((c) => c.name)).toEqual(['一号食堂', '二号食堂']);
    const d = ok(await diner1.get(`/api/disclosure/${t.fx.orgs.k1}`));
    expect(d.canteen).toEqual({ id: t.fx.orgs.k1, name: '一号食堂' });
    expect(d.date).toBe('2026-11-25');
    expect(d.menu).toMatchObject([{ meal: 'lunch', dishes: [{ name: '红烧肉', priceFen: 1300 }] }]);
    expect(d.inspections).toMatchObject({ from: '2026-10-27', to: '2026-11-25' });
    expect(d.inspections.suppliers).toEqual([{ supplierId: lib.supplier, name: '台州农贸配送', code: 'S1', receipts: 1, lines: 2, accepted: 1, partial: 0, rejected: 1, good: 1, fair: 0, poor: 1, lastReceivedOn: '2026-11-25' }]);
    expect(d.surveys.aspects).toEqual([{ aspect: 'taste', average: 4, answers: 2 }, { aspect: 'hygiene', average: 4.5, answers: 2 }]);
    expect(d.surveys.recent).toMatchObject([{ title: '十一月就餐满意度调查', status: 'closed', responses: 2 }]);
    expect(d.feedback).toMatchObject({ received: 2, replied: 1, satisfied: 1, unsatisfied: 0 });
    // Nothing of prices paid or quantities leaks into it.
    expect(JSON.stringify(d.inspections)).not.toContain('Fen');

    // Staff of another canteen read it too; an id that is no canteen of the bureau is 404; strangers must sign in.
    expect(ok(await head2.get(`/api/disclosure/${t.fx.orgs.k1}`)).menu).toHaveLength(1);
    expect(ok(await diner1.get(`/api/disclosure/${t.fx.orgs.k2}`))).toMatchObject({ menu: [], inspections: { suppliers: [] }, surveys: { aspects: [], recent: [] } });
    expect((await diner1.get(`/api/disclosure/${t.fx.orgs.u1}`)).status).toBe(404);
    expect((await diner1.get('/api/disclosure/abc')).status).toBe(400);
    expect((await new Client(t.app).get(`/api/disclosure/${t.fx.orgs.k1}`)).status).toBe(401);
  });
});
