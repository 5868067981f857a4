import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Empty, Input, Result, Spin } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { get, post } from '../../api.ts';
import { t, useLang } from '../../i18n.ts';
import type { OpenSurvey, Question } from '../../modules/feedback/api.ts';
import { card, ChoiceButtons, PhoneShell, StarPicker, touch } from './PhoneShell.tsx';

type Answer = { rating?: number; choice?: number; text?: string };

function useOpenSurveys() {
  const [list, setList] = useState<OpenSurvey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => get<OpenSurvey[]>('/api/surveys/open').then(setList).catch((e) => setError((e as Error).message));
  useEffect(() => { void load(); }, []);
  return { list, error, reload: load };
}

/** /m/surveys — the satisfaction surveys open today; /m/surveys/:id answers one. */
export function SurveysPhone() {
  useLang();
  const state = useOpenSurveys();
  return (
    <Routes>
      <Route index element={<SurveyList {...state} />} />
      <Route path=":id" element={<SurveyForm list={state.list} error={state.error} onDone={state.reload} />} />
    </Routes>
  );
}

function SurveyList({ list, error }: { list: OpenSurvey[] | null; error: string | null }) {
  return (
    <PhoneShell title={t('满意度调查', 'Satisfaction surveys')}>
      {error && <Alert type="error" showIcon title={error} />}
      {!list && !error && <Spin size="large" style={{ display: 'block', marginTop: 80 }} />}
      {list && !list.length && <Empty style={{ marginTop: 60 }} description={t('目前没有进行中的调查', 'No surveys are open now')} />}
      <div style={{ display: 'grid', gap: 10 }}>
        {list?.map((s) => (
          <Link key={s.id} to={`/m/surveys/${s.id}`} aria-label={s.title} style={{ ...card, ...touch, display: 'block', color: 'inherit' }}>
            <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <div style={{ fontSize: 18, fontWeight: 600, lineHeight: 1.35 }}>{s.title}</div>
                <div style={{ fontSize: 14, color: '#666', marginTop: 4 }}>
                  {s.canteenName} · {t(`${s.questions.length} 题`, `${s.questions.length} questions`)} · {t(`${dayjs(s.closesOn).format('M月D日')}截止`, `until ${dayjs(s.closesOn).format('D MMM')}`)}
                </div>
              </div>
              {s.answeredAt
                ? <span style={{ color: '#389e0d', fontSize: 15, whiteSpace: 'nowrap' }}><CheckCircleFilled /> {t('已参加', 'Answered')}</span>
                : <span style={{ color: '#fff', background: '#d4380d', borderRadius: 16, padding: '4px 12px', fontSize: 15, whiteSpace: 'nowrap' }}>{t('去填写', 'Answer')}</span>}
            </div>
          </Link>
        ))}
      </div>
    </PhoneShell>
  );
}

const answered = (q: Question, a: Answer | undefined) =>
  q.kind === 'rating' ? a?.rating !== undefined : q.kind === 'choice' ? a?.choice !== undefined : !!a?.text?.trim();

function SurveyForm({ list, error, onDone }: { list: OpenSurvey[] | null; error: string | null; onDone: () => void }) {
  const { id } = useParams();
  const navigate = useNavigate();
  const survey = list?.find((s) => String(s.id) === id);
  const [answers, setAnswers] = useState<Record<number, Answer>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [tried, setTried] = useState(false);

  if (!list && !error) return <PhoneShell title={t('满意度调查', 'Survey')} back="/m/surveys"><Spin size="large" style={{ display: 'block', marginTop: 80 }} /></PhoneShell>;
  if (!survey) {
    return (
      <PhoneShell title={t('满意度调查', 'Survey')} back="/m/surveys">
        <Empty style={{ marginTop: 60 }} description={error ?? t('这项调查已结束或不存在', 'This survey has closed or does not exist')} />
      </PhoneShell>
    );
  }
  if (done || survey.answeredAt) {
    return (
      <PhoneShell title={survey.title} back="/m/surveys">
        <Result status="success" title={t('感谢您的参与！', 'Thank you for taking part!')}
          subTitle={t('您的意见会帮助食堂做得更好。', 'Your answers help the canteen do better.')}
          extra={<Button type="primary" size="large" style={touch} onClick={() => navigate('/m/surveys')}>{t('返回调查列表', 'Back to surveys')}</Button>} />
      </PhoneShell>
    );
  }
  const set = (qid: number, a: Answer) => setAnswers((cur) => ({ ...cur, [qid]: { ...cur[qid], ...a } }));
  const missing = survey.questions.filter((q) => q.required && !answered(q, answers[q.id]));
  const submit = async () => {
    setTried(true);
    if (missing.length) {
      document.getElementById(`q-${missing[0]!.id}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    setSending(true);
    setFailure(null);
    try {
      await post(`/api/surveys/${survey.id}/responses`, {
        answers: survey.questions.filter((q) => answered(q, answers[q.id])).map((q) => ({ questionId: q.id, ...answers[q.id], text: answers[q.id]?.text?.trim() || undefined })),
      });
      setDone(true);
      onDone();
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <PhoneShell title={survey.title} back="/m/surveys">
      <div style={{ fontSize: 14, color: '#666', margin: '0 4px 10px' }}>
        {survey.canteenName} · {t(`${dayjs(survey.closesOn).format('M月D日')}截止`, `until ${dayjs(survey.closesOn).format('D MMM')}`)}
        {survey.intro && <p style={{ fontSize: 16, color: '#333', margin: '8px 0 0' }}>{survey.intro}</p>}
      </div>
      <div style={{ display: 'grid', gap: 10 }}>
        {survey.questions.map((q) => {
          const bad = tried && q.required && !answered(q, answers[q.id]);
          return (
            <section key={q.id} id={`q-${q.id}`} aria-label={q.text} style={{ ...card, border: bad ? '2px solid #ff4d4f' : '2px solid transparent' }}>
              <h2 style={{ fontSize: 17, margin: '0 0 10px', fontWeight: 600 }}>
                {q.position}. {q.text}
                {!q.required && <span style={{ fontSize: 14, fontWeight: 400, color: '#888' }}> {t('（选填）', '(optional)')}</span>}
              </h2>
              {q.kind === 'rating' && <StarPicker label={q.text} value={answers[q.id]?.rating} onChange={(v) => set(q.id, { rating: v })} />}
              {q.kind === 'choice' && <ChoiceButtons label={q.text} value={answers[q.id]?.choice} onChange={(v) => set(q.id, { choice: v })} options={q.options.map((o, i) => ({ value: i, label: o }))} />}
              {q.kind === 'text' && <Input.TextArea aria-label={q.text} rows={3} maxLength={1000} showCount value={answers[q.id]?.text} onChange={(e) => set(q.id, { text: e.target.value })}
                placeholder={t('请写下您的想法', 'Write what you think')} style={{ fontSize: 16, marginBottom: 16 }} />}
              {bad && <div style={{ color: '#ff4d4f', fontSize: 14, marginTop: 6 }}>{t('请回答这一题', 'Please answer this question')}</div>}
            </section>
          );
        })}
      </div>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 12 }} />}
      <Button type="primary" size="large" block loading={sending} onClick={submit} style={{ ...touch, marginTop: 16, fontSize: 18 }}>
        {t('提交', 'Submit')}
      </Button>
    </PhoneShell>
  );
}
