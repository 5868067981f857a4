import { CheckCircleFilled, CloseCircleFilled, LeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, ConfigProvider, Input, Segmented, Select, Spin, type InputRef } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, post } from '../../../api.ts';
import { setLang, t, useLang } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { workerApi, type Check, type Roster, type RosterEntry } from '../api.ts';
import { APPEARANCE, CertificateTag, jobLabel, RosterTag, STATUS_COLOR, SYMPTOMS, WorkerAvatar, type AppearanceKey } from '../parts.tsx';
import { keyedText, NumberPad, parseTemperature } from './NumberPad.tsx';

const GREEN = '#1f6f5c';
const RED = '#cf1322';
/** A passed check goes back to the worker tiles after this long; a failed one waits for a tap. */
const BACK_AFTER_MS = 6000;
const POLL_MS = 15_000;

type Answers = { handsOk: boolean | null; symptoms: number[] | null } & Record<AppearanceKey, boolean | null>;
const EMPTY: Answers = { handsOk: null, symptoms: null, uniformOk: null, hatOk: null, maskOk: null, nailsOk: null, noJewellery: null };

type Step =
  | { kind: 'pick' }
  | { kind: 'form'; worker: RosterEntry; recheck: boolean }
  | { kind: 'result'; worker: RosterEntry; check: Check; fresh: boolean };

/**
 * /kiosk/morning-check — the morning check (晨检) on a tablet at the kitchen door, full screen and
 * touch first: tap the worker's tile (or swipe the badge), key in the temperature, answer the hand,
 * symptom and dress questions with big buttons, and the server's verdict fills the screen: green
 * 合格 or red 不合格 with the reasons. Today's roster runs down the side.
 */
export function MorningCheckKiosk() {
  const lang = useLang();
  const { me, can, canteenId, setCanteenId, refresh } = useSession();
  const navigate = useNavigate();
  const canteens = me?.canteens ?? [];
  const header = (
    <>
      {canteens.length > 1 && (
        <Select size="large" aria-label={t('食堂', 'Canteen')} value={canteenId ?? undefined} onChange={(v) => setCanteenId(v)} style={{ minWidth: 200 }}
          options={canteens.map((c) => ({ value: c.id, label: c.name }))} />
      )}
      <Segmented size="large" value={lang} onChange={(v) => setLang(v as 'zh' | 'en')} options={[{ label: '中文', value: 'zh' }, { label: 'EN', value: 'en' }]} />
      <Button size="large" onClick={async () => { await post('/api/auth/logout'); await refresh(); navigate('/'); }} style={{ height: 56, fontSize: 20 }}>{t('退出', 'Sign out')}</Button>
    </>
  );
  return (
    <ConfigProvider theme={{ token: { fontSize: 18, controlHeight: 56, colorPrimary: GREEN } }} button={{ autoInsertSpace: false }}>
      <style>{`body { margin: 0; background: #eef1f0; }
.mc-body { display: flex; gap: 12px; padding: 12px; align-items: flex-start; }
.mc-main { flex: 1; min-width: 0; }
.mc-side { width: 280px; flex: none; position: sticky; top: 16px; }
.mc-form { display: grid; grid-template-columns: minmax(230px, 0.85fr) minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
.mc-dress { display: flex; flex-direction: column; gap: 8px; }
@media (max-width: 1000px) {
  .mc-body { flex-direction: column; align-items: stretch; }
  .mc-side { width: auto; position: static; }
  .mc-form { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .mc-dress-card { grid-column: span 2; }
  .mc-dress { display: grid; grid-template-columns: 1fr 1fr; column-gap: 16px; }
}`}</style>
      {!can('worker.check.write') || !canteenId ? (
        <div style={{ padding: 48 }}>
          <Alert type="warning" showIcon style={{ fontSize: 24 }} title={!canteenId ? t('当前账号没有可晨检的食堂', 'This sign-in has no canteen to check')
            : t('当前账号不能登记晨检（需项目经理、食安员或食堂负责人）', 'This sign-in cannot record morning checks (site manager, safety officer or canteen head)')} />
          <div style={{ marginTop: 24, display: 'flex', gap: 12 }}>{header}</div>
        </div>
      ) : <Kiosk key={canteenId} canteenId={canteenId} header={header} canRecheck={can('worker.check.recheck')} />}
    </ConfigProvider>
  );
}

function Kiosk({ canteenId, header, canRecheck }: { canteenId: number; header: ReactNode; canRecheck: boolean }) {
  const [roster, setRoster] = useState<Roster | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [now, setNow] = useState(() => dayjs());
  const load = useCallback(() => {
    workerApi.roster(canteenId).then((r) => { setRoster(r); setLoadError(null); }, (e: Error) => setLoadError(e.message));
  }, [canteenId]);
  useEffect(() => {
    load();
    const poll = setInterval(load, POLL_MS);
    const clock = setInterval(() => setNow(dayjs()), 10_000);
    return () => { clearInterval(poll); clearInterval(clock); };
  }, [load]);

  // Each step starts at the top of the screen (the previous one may have been scrolled).
  useEffect(() => { window.scrollTo(0, 0); }, [step]);
  const open = (w: RosterEntry) => setStep(w.check ? { kind: 'result', worker: w, check: w.check, fresh: false } : { kind: 'form', worker: w, recheck: false });
  const done = (worker: RosterEntry, check: Check) => {
    setStep({ kind: 'result', worker, check, fresh: true });
    load();
  };

  return (
    <div style={{ minHeight: '100vh' }}>
      <header style={{ background: GREEN, color: '#fff', display: 'flex', alignItems: 'center', gap: 16, padding: '4px 16px', minHeight: 68, flexWrap: 'wrap' }}>
        <span style={{ fontSize: 30, fontWeight: 700 }}>{t('晨检', 'Morning check')}</span>
        <span style={{ fontSize: 22 }}>{roster?.canteenName}</span>
        <span style={{ fontSize: 22, opacity: 0.9 }}>{now.format('YYYY-MM-DD HH:mm')}</span>
        <span style={{ marginLeft: 'auto', display: 'flex', gap: 10, alignItems: 'center' }}>{header}</span>
      </header>
      {loadError && <Alert type="error" showIcon title={loadError} style={{ margin: 16, fontSize: 20 }} action={<Button onClick={load}>{t('重试', 'Retry')}</Button>} />}
      {!roster ? <Spin size="large" style={{ display: 'block', marginTop: 120 }} /> : (
        <div className="mc-body">
          <main className="mc-main">
            {step.kind === 'pick' && <PickWorker roster={roster} onPick={open} />}
            {step.kind === 'form' && <CheckForm worker={step.worker} recheck={step.recheck} feverC={roster.feverC} onBack={() => setStep({ kind: 'pick' })} onDone={done} />}
            {step.kind === 'result' && (
              <Result worker={step.worker} check={step.check} fresh={step.fresh} canRecheck={canRecheck}
                onNext={() => setStep({ kind: 'pick' })} onRecheck={() => setStep({ kind: 'form', worker: step.worker, recheck: true })} />
            )}
          </main>
          <aside className="mc-side"><RosterList roster={roster} onPick={open} onReload={load} /></aside>
        </div>
      )}
    </div>
  );
}

const tileBase: CSSProperties = {
  background: '#fff', borderRadius: 12, border: '2px solid transparent', padding: 12, display: 'flex', flexDirection: 'column', alignItems: 'center',
  gap: 6, cursor: 'pointer', minHeight: 168, font: 'inherit', boxShadow: '0 1px 3px rgba(0,0,0,0.08)',
};

/** Step 1: the worker taps their tile, or the badge is swiped / typed. */
function PickWorker({ roster, onPick }: { roster: Roster; onPick: (w: RosterEntry) => void }) {
  const [show, setShow] = useState<'todo' | 'all'>('todo');
  const [badge, setBadge] = useState('');
  const [notFound, setNotFound] = useState<string | null>(null);
  const input = useRef<InputRef>(null);
  useEffect(() => { input.current?.focus(); }, []);
  const todo = roster.workers.filter((w) => !w.check);
  const list = (show === 'todo' ? todo : roster.workers).filter((w) => !badge.trim() || w.name.includes(badge.trim()) || w.badge.toUpperCase().includes(badge.trim().toUpperCase()));
  const submit = () => {
    const b = badge.trim().toUpperCase();
    if (!b) return;
    const hit = roster.workers.find((w) => w.badge.toUpperCase() === b) ?? (list.length === 1 ? list[0] : undefined);
    if (hit) {
      setBadge('');
      onPick(hit);
    } else setNotFound(b);
  };
  return (
    <div>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center', marginBottom: 16 }}>
        <Input ref={input} size="large" value={badge} onChange={(e) => { setBadge(e.target.value); setNotFound(null); }} onPressEnter={submit} allowClear
          placeholder={t('刷工牌，或输入工牌号 / 姓名', 'Swipe the badge, or type badge / name')} aria-label={t('工牌号', 'Badge')}
          style={{ flex: '1 1 320px', height: 64, fontSize: 24 }} />
        <Button type="primary" onClick={submit} style={{ height: 64, fontSize: 24, minWidth: 120 }}>{t('确定', 'OK')}</Button>
        <Segmented size="large" value={show} onChange={(v) => setShow(v as 'todo' | 'all')} style={{ fontSize: 20 }} options={[
          { value: 'todo', label: <span style={{ lineHeight: '52px', padding: '0 8px' }}>{t(`待检 ${todo.length}`, `To check ${todo.length}`)}</span> },
          { value: 'all', label: <span style={{ lineHeight: '52px', padding: '0 8px' }}>{t(`全部 ${roster.workers.length}`, `All ${roster.workers.length}`)}</span> },
        ]} />
      </div>
      {notFound && <Alert type="warning" showIcon style={{ marginBottom: 16, fontSize: 20 }} title={t(`没有工牌号为 ${notFound} 的人员，请项目经理先登记`, `No worker has badge ${notFound}; the site manager registers them first`)} />}
      {list.length === 0 ? (
        <div style={{ background: '#fff', borderRadius: 12, padding: 48, textAlign: 'center', fontSize: 26, color: GREEN }}>
          {show === 'todo' && todo.length === 0 ? t('今天的人员都已晨检 ✓', 'Everyone has been checked today ✓') : t('没有找到', 'Nobody found')}
        </div>
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(148px, 1fr))', gap: 12 }}>
          {list.map((w) => (
            <button key={w.workerId} className="mc-tile" type="button" onClick={() => onPick(w)} aria-label={w.name}
              style={{ ...tileBase, borderColor: w.check ? STATUS_COLOR[w.status] : w.certificate.status === 'expired' ? RED : 'transparent', opacity: w.check ? 0.75 : 1 }}>
              <WorkerAvatar id={w.workerId} name={w.name} photoAt={w.photoAt} size={84} radius={42} />
              <span style={{ fontSize: 22, fontWeight: 600, lineHeight: 1.2 }}>{w.name}</span>
              <span style={{ fontSize: 16, color: '#666' }}>{jobLabel(w.job)}</span>
              {w.check ? <RosterTag status={w.status} style={{ fontSize: 16, margin: 0 }} />
                : w.certificate.status === 'expired' ? <span style={{ fontSize: 15, color: RED }}>{t('健康证已过期', 'Certificate expired')}</span> : null}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

const card: CSSProperties = { background: '#fff', borderRadius: 12, padding: 12, boxShadow: '0 1px 3px rgba(0,0,0,0.08)' };
const h: CSSProperties = { fontSize: 21, fontWeight: 600, margin: '0 0 8px' };
const big = (selected: boolean, color: string): CSSProperties => ({
  height: 64, fontSize: 22, flex: 1, borderWidth: 2, borderColor: selected ? color : '#d9d9d9', background: selected ? color : '#fff', color: selected ? '#fff' : '#222',
});

function YesNo({ value, onChange, yes = t('是', 'Yes'), no = t('否', 'No'), label }: { value: boolean | null; onChange: (v: boolean) => void; yes?: string; no?: string; label: string }) {
  return (
    <div role="group" aria-label={label} style={{ display: 'flex', gap: 8 }}>
      <Button aria-pressed={value === true} onClick={() => onChange(true)} style={big(value === true, GREEN)}>{yes}</Button>
      <Button aria-pressed={value === false} onClick={() => onChange(false)} style={big(value === false, RED)}>{no}</Button>
    </div>
  );
}

/** Step 2: temperature on the number pad, then hands, symptoms and dress — every answer a big button. */
function CheckForm({ worker, recheck, feverC, onBack, onDone }: { worker: RosterEntry; recheck: boolean; feverC: number; onBack: () => void; onDone: (w: RosterEntry, c: Check) => void }) {
  const lang = useLang();
  const [digits, setDigits] = useState('');
  const [a, setA] = useState<Answers>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const temperature = parseTemperature(digits);
  const set = <K extends keyof Answers>(k: K, v: Answers[K]) => setA((cur) => ({ ...cur, [k]: v }));
  const toggleSymptom = (code: number) => setA((cur) => {
    if (code === 0) return { ...cur, symptoms: [0] };
    const now = (cur.symptoms ?? []).filter((c) => c !== 0);
    const next = now.includes(code) ? now.filter((c) => c !== code) : [...now, code].sort((x, y) => x - y);
    return { ...cur, symptoms: next.length ? next : null };
  });
  const missing = [
    temperature === null && t('体温', 'temperature'),
    a.handsOk === null && t('手部', 'hands'),
    a.symptoms === null && t('症状', 'symptoms'),
    APPEARANCE.some((x) => a[x.key] === null) && t('着装', 'dress'),
  ].filter(Boolean) as string[];
  const submit = async () => {
    if (missing.length || temperature === null) return;
    setBusy(true);
    setError(null);
    try {
      const check = await workerApi.check({
        workerId: worker.workerId, temperatureC: temperature, handsOk: a.handsOk!, symptoms: a.symptoms!, recheck,
        uniformOk: a.uniformOk!, hatOk: a.hatOk!, maskOk: a.maskOk!, nailsOk: a.nailsOk!, noJewellery: a.noJewellery!,
      });
      onDone(worker, check);
    } catch (e) {
      // Checked meanwhile (the door kiosk, another tablet): show that check instead.
      const existing = e instanceof ApiError && e.code === 'already_checked' ? (e.details as { check?: Check } | null)?.check : undefined;
      if (existing) onDone(worker, existing);
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const fever = temperature !== null && temperature >= feverC;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <div style={{ ...card, display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap', padding: 8 }}>
        <Button icon={<LeftOutlined />} onClick={onBack} style={{ height: 64, fontSize: 20 }}>{t('换人', 'Back')}</Button>
        <WorkerAvatar id={worker.workerId} name={worker.name} photoAt={worker.photoAt} size={64} radius={32} />
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <span style={{ fontSize: 30, fontWeight: 700, lineHeight: 1.1 }}>{worker.name}</span>
          <span style={{ fontSize: 18, color: '#666' }}>{jobLabel(worker.job)} · {worker.badge}</span>
        </div>
        <CertificateTag certificate={worker.certificate} style={{ fontSize: 18, padding: '4px 10px' }} />
        {recheck && <span style={{ fontSize: 20, color: '#d46b08', fontWeight: 600 }}>{t('复检：将替换今天的结果', 'Re-check: replaces today’s result')}</span>}
      </div>
      {worker.certificate.status === 'expired' && (
        <Alert type="error" showIcon style={{ fontSize: 20 }} title={t(`健康证已于 ${worker.certificate.validUntil} 过期：本次晨检只能判为不合格，不得上岗`, `Health certificate expired on ${worker.certificate.validUntil}: this check cannot pass; may not work`)} />
      )}
      <div className="mc-form">
        <section className="mc-temp" style={card} aria-label={t('体温', 'Temperature')}>
          <p style={h}>{t('1. 体温', '1. Temperature')}</p>
          <div aria-live="polite" style={{ fontSize: 52, fontWeight: 700, textAlign: 'center', lineHeight: 1.1, padding: '0 0 6px', color: fever ? RED : temperature !== null ? GREEN : '#999', fontVariantNumeric: 'tabular-nums' }}>
            {digits ? (temperature !== null ? temperature.toFixed(1) : keyedText(digits)) : '--.-'} <span style={{ fontSize: 28 }}>°C</span>
          </div>
          {digits && temperature === null && digits.replace('.', '').length >= 3 && <div style={{ color: RED, fontSize: 18, textAlign: 'center', marginBottom: 8 }}>{t('请输入 34.0–42.0', 'Enter 34.0–42.0')}</div>}
          {fever && <div style={{ color: RED, fontSize: 18, textAlign: 'center', marginBottom: 8 }}>{t(`≥ ${feverC} °C：发热`, `≥ ${feverC} °C: fever`)}</div>}
          <NumberPad value={digits} onChange={setDigits} />
        </section>
        <section style={card}>
          <p style={h}>{t('2. 手部检查（无伤口、清洁）', '2. Hands (no wounds, clean)')}</p>
          <YesNo label={t('手部检查', 'Hands')} value={a.handsOk} onChange={(v) => set('handsOk', v)} yes={t('合格', 'OK')} no={t('不合格', 'Not OK')} />
          <p style={{ ...h, marginTop: 14 }}>{t('3. 症状（可多选）', '3. Symptoms (any that apply)')}</p>
          <div role="group" aria-label={t('症状', 'Symptoms')} style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 6 }}>
            {SYMPTOMS.map((s) => {
              const on = a.symptoms?.includes(s.code) ?? false;
              const color = s.code === 0 ? GREEN : RED;
              return (
                <Button key={s.code} aria-pressed={on} onClick={() => toggleSymptom(s.code)}
                  style={{ ...big(on, color), height: 64, gridColumn: s.code === 0 ? 'span 2' : undefined, padding: '0 2px', flexDirection: 'column', gap: 0, lineHeight: 1.1, whiteSpace: 'normal', overflow: 'hidden', fontSize: lang === 'en' ? 14 : 19 }}>
                  <span>{t(s.zh, s.en)}</span><span style={{ fontSize: 12, opacity: 0.7 }}>{s.code}</span>
                </Button>
              );
            })}
          </div>
        </section>
        <section className="mc-dress-card" style={card}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8, gap: 8 }}>
            <p style={{ ...h, margin: 0 }}>{t('4. 着装与个人卫生', '4. Dress and hygiene')}</p>
            <Button onClick={() => setA((cur) => ({ ...cur, ...Object.fromEntries(APPEARANCE.map((x) => [x.key, true])) }))} style={{ height: 64, fontSize: 18 }}>{t('全部是', 'All yes')}</Button>
          </div>
          <div className="mc-dress">
            {APPEARANCE.map((x) => (
              <div key={x.key} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span style={{ fontSize: 18, flex: 1, lineHeight: 1.2 }}>{t(x.zh, x.en)}</span>
                <div style={{ width: 168, flex: 'none' }}><YesNo label={t(x.zh, x.en)} value={a[x.key]} onChange={(v) => set(x.key, v)} /></div>
              </div>
            ))}
          </div>
        </section>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ fontSize: 20 }} />}
      <Button type="primary" size="large" loading={busy} disabled={missing.length > 0} onClick={submit} style={{ height: 72, fontSize: 28 }}>
        {missing.length ? t(`还需填写：${missing.join('、')}`, `Still to answer: ${missing.join(', ')}`) : t('提交晨检', 'Submit the check')}
      </Button>
    </div>
  );
}

/** Step 3: the server's verdict, big — green 合格 or red 不合格 with why. */
function Result({ worker, check, fresh, canRecheck, onNext, onRecheck }: { worker: RosterEntry; check: Check; fresh: boolean; canRecheck: boolean; onNext: () => void; onRecheck: () => void }) {
  useEffect(() => {
    if (!check.fit || !fresh) return;
    const timer = setTimeout(onNext, BACK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [check, fresh, onNext]);
  const color = check.fit ? '#237804' : RED;
  return (
    <div role="status" style={{ ...card, background: check.fit ? '#f0fff0' : '#fff1f0', border: `4px solid ${color}`, textAlign: 'center', padding: '32px 24px' }}>
      <div style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', gap: 20 }}>
        <WorkerAvatar id={worker.workerId} name={worker.name} photoAt={worker.photoAt} size={96} radius={48} />
        <div style={{ textAlign: 'left' }}>
          <div style={{ fontSize: 34, fontWeight: 700 }}>{worker.name}</div>
          <div style={{ fontSize: 20, color: '#555' }}>{jobLabel(worker.job)} · {t('体温', 'Temp.')} {check.temperatureC.toFixed(1)} °C · {dayjs(check.checkedAt).format('HH:mm')}</div>
        </div>
      </div>
      <div style={{ color, fontSize: 96, fontWeight: 800, lineHeight: 1.2, marginTop: 16 }}>
        {check.fit ? <CheckCircleFilled /> : <CloseCircleFilled />} {check.fit ? t('合格', 'Fit') : t('不合格', 'Not fit')}
      </div>
      <div style={{ fontSize: 26, color, marginBottom: 8 }}>
        {check.fit ? t('可以上岗', 'May work today') : t('不得上岗，已通知项目经理', 'May not work today; the site manager has been told')}
      </div>
      {!check.fit && (
        <ul style={{ listStyle: 'none', padding: 0, margin: '8px 0 0', fontSize: 28, color: '#a8071a' }}>
          {t(check.reasonText.zh, check.reasonText.en).split(/[；;]\s*/).map((r) => <li key={r}>· {r}</li>)}
        </ul>
      )}
      {!fresh && <div style={{ fontSize: 20, color: '#666', marginTop: 12 }}>{t('今天已晨检', 'Already checked today')}{check.source === 'device' ? t(`（晨检仪 ${check.deviceCode ?? ''}）`, ` (kiosk ${check.deviceCode ?? ''})`) : check.checkedByName ? t(`（${check.checkedByName}）`, ` (${check.checkedByName})`) : ''}</div>}
      <div style={{ display: 'flex', gap: 16, justifyContent: 'center', marginTop: 28, flexWrap: 'wrap' }}>
        {canRecheck && <Button onClick={onRecheck} icon={<ReloadOutlined />} style={{ height: 72, fontSize: 24, minWidth: 200 }}>{t('复检', 'Re-check')}</Button>}
        <Button type="primary" onClick={onNext} style={{ height: 72, fontSize: 26, minWidth: 260 }}>{t('下一位', 'Next worker')}</Button>
      </div>
    </div>
  );
}

/** Today's roster beside the work: who is done (fit / not fit) and who is still to come. */
function RosterList({ roster, onPick, onReload }: { roster: Roster; onPick: (w: RosterEntry) => void; onReload: () => void }) {
  const order = { unfit: 0, pending: 1, absent: 1, fit: 2 } as const;
  const rows = useMemo(() => [...roster.workers].sort((x, y) => order[x.status] - order[y.status] || x.name.localeCompare(y.name, 'zh')), [roster]);
  const c = roster.counts;
  const stat = (label: string, n: number, color: string) => (
    <div style={{ flex: 1, textAlign: 'center' }}>
      <div style={{ fontSize: 28, fontWeight: 700, color }}>{n}</div>
      <div style={{ fontSize: 15, color: '#666' }}>{label}</div>
    </div>
  );
  return (
    <div style={{ ...card, padding: 12 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <span style={{ fontSize: 20, fontWeight: 600 }}>{t('今日名单', 'Today’s roster')}</span>
        <Button aria-label={t('刷新', 'Refresh')} icon={<ReloadOutlined />} onClick={onReload} style={{ height: 48, width: 48 }} />
      </div>
      <div style={{ display: 'flex', gap: 4, marginBottom: 8 }}>
        {stat(t('合格', 'Fit'), c.fit, STATUS_COLOR.fit)}
        {stat(t('不合格', 'Not fit'), c.unfit, STATUS_COLOR.unfit)}
        {stat(roster.cutoffPassed ? t('缺勤', 'Absent') : t('未检', 'Not yet'), c.pending + c.absent, roster.cutoffPassed ? STATUS_COLOR.absent : STATUS_COLOR.pending)}
      </div>
      <div style={{ fontSize: 14, color: '#888', marginBottom: 8 }}>{t(`${roster.cutoff} 后未检记为缺勤`, `Unchecked after ${roster.cutoff}: absent`)}</div>
      <div style={{ maxHeight: 'calc(100vh - 300px)', minHeight: 200, overflowY: 'auto' }}>
        {rows.map((w) => (
          <button key={w.workerId} type="button" onClick={() => onPick(w)}
            style={{ display: 'flex', width: '100%', alignItems: 'center', gap: 10, padding: '6px 4px', minHeight: 52, border: 0, borderBottom: '1px solid #f0f0f0', background: 'none', font: 'inherit', cursor: 'pointer', textAlign: 'left' }}>
            <WorkerAvatar id={w.workerId} name={w.name} photoAt={w.photoAt} size={36} radius={18} />
            <span style={{ flex: 1, fontSize: 18 }}>{w.name}</span>
            {w.check && <span style={{ fontSize: 15, color: '#888' }}>{w.check.temperatureC.toFixed(1)}°</span>}
            <RosterTag status={w.status} style={{ margin: 0 }} />
          </button>
        ))}
      </div>
    </div>
  );
}
