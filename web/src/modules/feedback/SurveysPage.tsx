import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Drawer, Empty, Form, Input, Popconfirm, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { get, post, put } from '../../api.ts';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { labelOf, tagOf } from '../../shell/labels.tsx';
import { Chart } from '../report/chart.tsx';
import { useDownload } from '../report/download.ts';
import { ASPECTS, QUESTION_KINDS, SURVEY_STATUSES, type QuestionKind, type Survey, type SurveyResults } from './api.ts';

/** /surveys — the current canteen's satisfaction surveys: draft, publish, close, and read the results. */
export function SurveysPage() {
  useLang();
  const { canteenId, can } = useSession();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Survey[] | null>(null);
  const [editing, setEditing] = useState<Survey | 'new' | null>(null);
  const [results, setResults] = useState<number | null>(null);
  const manage = can('feedback.survey.manage');
  const load = () => {
    if (canteenId) get<Survey[]>(`/api/surveys?canteenId=${canteenId}`).then(setRows).catch((e) => message.error((e as Error).message));
  };
  useEffect(load, [canteenId]);
  const act = async (s: Survey, what: 'publish' | 'close') => {
    try {
      await post(`/api/surveys/${s.id}/${what}`);
      message.success(what === 'publish' ? t('已发布，就餐人员可在手机上填写', 'Published; diners can answer on their phones') : t('调查已结束', 'Survey closed'));
      load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('满意度调查', 'Satisfaction surveys')}</Typography.Title>
        {manage && <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('新建调查', 'New survey')}</Button>}
      </Space>
      <Table<Survey> rowKey="id" loading={!rows} dataSource={rows ?? []} pagination={false}
        locale={{ emptyText: <Empty description={t('还没有调查', 'No surveys yet')} /> }}
        columns={[
          { title: t('标题', 'Title'), dataIndex: 'title' },
          { title: t('调查时间', 'Period'), key: 'period', width: 240, render: (_: unknown, s) => `${s.opensOn} ~ ${s.closesOn}` },
          { title: t('题数', 'Questions'), key: 'q', width: 80, render: (_: unknown, s) => s.questions.length },
          { title: t('参与人数', 'Responses'), dataIndex: 'responses', width: 100 },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 100, render: (v: string) => tagOf(SURVEY_STATUSES, v) },
          { title: '', key: 'actions', width: 260, render: (_: unknown, s) => (
            <Space wrap>
              {manage && s.status === 'draft' && <Button onClick={() => setEditing(s)}>{t('编辑', 'Edit')}</Button>}
              {manage && s.status === 'draft' && (
                <Popconfirm title={t('发布后问题不能再修改，确定发布？', 'Questions cannot change once published. Publish?')} onConfirm={() => act(s, 'publish')}>
                  <Button type="primary">{t('发布', 'Publish')}</Button>
                </Popconfirm>
              )}
              {manage && s.status === 'published' && (
                <Popconfirm title={t('结束后就餐人员不能再填写，确定结束？', 'Diners can no longer answer once closed. Close?')} onConfirm={() => act(s, 'close')}>
                  <Button>{t('结束', 'Close')}</Button>
                </Popconfirm>
              )}
              {s.status !== 'draft' && <Button onClick={() => setResults(s.id)}>{t('结果', 'Results')}</Button>}
            </Space>
          ) },
        ]} />
      <Drawer open={!!editing} onClose={() => setEditing(null)} size={720} title={editing === 'new' ? t('新建调查', 'New survey') : t('编辑调查', 'Edit survey')} destroyOnHidden>
        {editing && canteenId && <SurveyEditor canteenId={canteenId} survey={editing === 'new' ? null : editing} onSaved={() => { setEditing(null); load(); }} />}
      </Drawer>
      <Drawer open={results !== null} onClose={() => setResults(null)} size={900} title={t('调查结果', 'Survey results')} destroyOnHidden>
        {results !== null && <ResultsView id={results} />}
      </Drawer>
    </div>
  );
}

interface QuestionForm { kind: QuestionKind; aspect?: string; text: string; options?: string; required: boolean }
interface SurveyForm { title: string; intro?: string; period: [Dayjs, Dayjs]; questions: QuestionForm[] }

/** A new survey starts with the five aspects the disclosure page averages, and a box for anything else. */
const defaultQuestions = (): QuestionForm[] => [
  { kind: 'rating', aspect: 'taste', text: t('饭菜口味', 'Taste of the food'), required: true },
  { kind: 'rating', aspect: 'variety', text: t('菜品种类', 'Variety of dishes'), required: true },
  { kind: 'rating', aspect: 'hygiene', text: t('就餐环境卫生', 'Cleanliness of the dining hall'), required: true },
  { kind: 'rating', aspect: 'service', text: t('服务态度', 'Service'), required: true },
  { kind: 'rating', aspect: 'price', text: t('价格是否合理', 'Fair prices'), required: true },
  { kind: 'text', text: t('您还有什么意见和建议？', 'Anything else you would like to tell us?'), required: false },
];

function SurveyEditor({ canteenId, survey, onSaved }: { canteenId: number; survey: Survey | null; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SurveyForm>();
  const [saving, setSaving] = useState(false);
  const initial: SurveyForm = survey
    ? { title: survey.title, intro: survey.intro, period: [dayjs(survey.opensOn), dayjs(survey.closesOn)],
      questions: survey.questions.map((q) => ({ kind: q.kind, aspect: q.aspect ?? undefined, text: q.text, options: q.options.join('\n'), required: q.required })) }
    : { title: t(`${dayjs().format('M')}月就餐满意度调查`, `${dayjs().format('MMMM')} satisfaction survey`), period: [dayjs(), dayjs().add(7, 'day')], questions: defaultQuestions() };
  const save = async (v: SurveyForm) => {
    const body = {
      title: v.title, intro: v.intro ?? '', opensOn: v.period[0].format('YYYY-MM-DD'), closesOn: v.period[1].format('YYYY-MM-DD'),
      questions: v.questions.map((q) => ({
        kind: q.kind, text: q.text, required: q.required,
        ...(q.kind === 'rating' ? { aspect: q.aspect } : {}),
        ...(q.kind === 'choice' ? { options: (q.options ?? '').split('\n').map((o) => o.trim()).filter(Boolean) } : {}),
      })),
    };
    setSaving(true);
    try {
      if (survey) await put(`/api/surveys/${survey.id}`, body);
      else await post('/api/surveys', { canteenId, ...body });
      message.success(t('已保存', 'Saved'));
      onSaved();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={save}>
      <Form.Item name="title" label={t('标题', 'Title')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
      <Form.Item name="intro" label={t('说明（选填）', 'Introduction (optional)')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      <Form.Item name="period" label={t('调查时间', 'Period')} rules={[{ required: true }]}><DatePicker.RangePicker allowClear={false} /></Form.Item>
      <Typography.Title level={5}>{t('问题', 'Questions')}</Typography.Title>
      <Form.List name="questions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Card key={f.key} size="small" style={{ marginBottom: 8 }} title={`${i + 1}.`}
                extra={<Button type="text" danger icon={<DeleteOutlined />} aria-label={t('删除问题', 'Remove question')} onClick={() => remove(f.name)} />}>
                <Space wrap align="start">
                  <Form.Item name={[f.name, 'kind']} label={t('题型', 'Kind')} style={{ minWidth: 170 }}>
                    <Select options={QUESTION_KINDS.map((k) => ({ value: k.value, label: labelOf(QUESTION_KINDS, k.value) }))} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => form.getFieldValue(['questions', f.name, 'kind']) === 'rating' && (
                      <Form.Item name={[f.name, 'aspect']} label={t('评价方面', 'Aspect')} rules={[{ required: true }]} style={{ minWidth: 120 }}>
                        <Select options={ASPECTS.map((a) => ({ value: a.value, label: labelOf(ASPECTS, a.value) }))} />
                      </Form.Item>
                    )}
                  </Form.Item>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked" label=" "><Checkbox>{t('必答', 'Required')}</Checkbox></Form.Item>
                </Space>
                <Form.Item name={[f.name, 'text']} label={t('问题', 'Question')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() => form.getFieldValue(['questions', f.name, 'kind']) === 'choice' && (
                    <Form.Item name={[f.name, 'options']} label={t('选项（每行一个）', 'Options (one per line)')} rules={[{ required: true }]}>
                      <Input.TextArea rows={3} />
                    </Form.Item>
                  )}
                </Form.Item>
              </Card>
            ))}
            <Space wrap style={{ marginBottom: 16 }}>
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'rating', aspect: 'overall', text: '', required: true })}>{t('评分题', 'Rating')}</Button>
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'choice', text: '', options: '', required: true })}>{t('单选题', 'Choice')}</Button>
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'text', text: '', required: false })}>{t('文字题', 'Free text')}</Button>
            </Space>
          </>
        )}
      </Form.List>
      <Button type="primary" htmlType="submit" size="large" loading={saving}>{t('保存草稿', 'Save draft')}</Button>
    </Form>
  );
}

const STAR_COLORS = ['#cf1322', '#fa8c16', '#fadb14', '#95de64', '#389e0d'];

/** Rating questions as stacked bars of how many gave 1…5 stars, the average at the end of each bar. */
function ratingOption(r: SurveyResults): Record<string, unknown> {
  const qs = r.questions.filter((q) => q.kind === 'rating').reverse();
  return {
    grid: { left: 8, right: 60, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 13 } },
    yAxis: { type: 'category', data: qs.map((q) => `${q.text}${q.aspect ? `（${labelOf(ASPECTS, q.aspect)}）` : ''}`), axisLabel: { fontSize: 14 } },
    series: [1, 2, 3, 4, 5].map((n, i) => ({
      name: t(`${n}星`, `${n}★`), type: 'bar', stack: 'stars', itemStyle: { color: STAR_COLORS[i] }, data: qs.map((q) => q.distribution[i] ?? 0),
      ...(n === 5 ? { label: { show: true, position: 'right', fontSize: 14, fontWeight: 'bold', color: '#222', formatter: (p: { dataIndex: number }) => (qs[p.dataIndex]?.average ?? 0).toFixed(2) } } : {}),
    })),
  };
}

function ResultsView({ id }: { id: number }) {
  const { message } = App.useApp();
  const [r, setR] = useState<SurveyResults | null>(null);
  const { state, download } = useDownload();
  useEffect(() => { get<SurveyResults>(`/api/surveys/${id}/results`).then(setR).catch((e) => message.error((e as Error).message)); }, [id]);
  if (!r) return null;
  const ratings = r.questions.filter((q) => q.kind === 'rating');
  const overall = ratings.filter((q) => q.average !== null);
  const mean = overall.length ? overall.reduce((s, q) => s + q.average!, 0) / overall.length : null;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>{r.survey.title}</Typography.Title>
          <Typography.Text type="secondary">{r.survey.canteenName} · {r.survey.opensOn} ~ {r.survey.closesOn}</Typography.Text>
        </div>
        <Button icon={<DownloadOutlined />} loading={!!state} onClick={() => download('xlsx', `/api/surveys/${id}/results?format=xlsx`, 'survey.xlsx').catch((e) => message.error((e as Error).message))}>
          {t('导出 Excel', 'Export to Excel')}
        </Button>
      </Space>
      <Space size={48}>
        <Statistic title={t('参与人数', 'Responses')} value={r.responses} />
        <Statistic title={t('评分题平均分', 'Average rating')} value={mean === null ? '—' : mean.toFixed(2)} suffix={mean === null ? undefined : '/ 5'} />
      </Space>
      {ratings.length > 0 && r.responses > 0 && <Chart label={t('各项评分分布', 'Ratings by question')} option={ratingOption(r)} height={Math.max(200, 56 * ratings.length + 60)} />}
      {r.questions.filter((q) => q.kind !== 'rating').map((q) => (
        <Card key={q.id} size="small" title={`${q.position}. ${q.text}`}>
          {q.kind === 'choice' && q.options.map((o, i) => (
            <div key={o} style={{ display: 'flex', justifyContent: 'space-between', padding: '4px 0' }}>
              <span>{o}</span><span>{q.distribution[i]} {t('人', '')}（{q.answered ? Math.round(((q.distribution[i] ?? 0) / q.answered) * 100) : 0}%）</span>
            </div>
          ))}
          {q.kind === 'text' && (q.texts.length ? q.texts.map((x, i) => (
            <div key={i} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{x.text}</div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>{dayjs(x.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
            </div>
          )) : <Typography.Text type="secondary">{t('还没有人填写', 'No answers yet')}</Typography.Text>)}
        </Card>
      ))}
    </Space>
  );
}
