import { CameraOutlined, CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, LeftOutlined, RightOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Image, Input, Spin } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { t, useLang } from '../../i18n.ts';
import { shrinkPhoto } from '../../photo.ts';
import { useSession } from '../../session.tsx';
import { labelOf } from '../../shell/labels.tsx';
import { BLOCKS, chinaTime, inspectionApi, taskPhotoUrl, taskState, type MyDay, type Task } from '../../modules/inspection/api.ts';
import { card, GREEN, PhoneShell, touch } from '../feedback/PhoneShell.tsx';

const STATE_COLOUR: Record<string, string> = { green: '#237804', gold: '#ad6800', red: '#cf1322', processing: '#0958d9', default: '#8c8c8c' };

/** Open and overdue first (by deadline), then the rest: what to do next is at the top. */
const order = (a: Task, b: Task) => Number(a.status !== 'open') - Number(b.status !== 'open') || a.deadlineAt.localeCompare(b.deadlineAt) || a.position - b.position;

/**
 * /m/inspection — the wardens' and the hall manager's phone: today's items given to them as big cards with the
 * progress; an item opens to take its photo (the camera), see it come back watermarked, and say fine or a problem.
 */
export function InspectionPhone() {
  useLang();
  const { can } = useSession();
  const [days, setDays] = useState<MyDay[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => inspectionApi.myTasks().then(setDays, (e: Error) => setError(e.message));
  useEffect(() => { if (can('inspection.task.do')) void load(); }, []);
  const replace = (x: Task) => setDays((cur) => cur?.map((d) => (d.runId === x.runId ? { ...d, tasks: d.tasks.map((y) => (y.id === x.id ? x : y)) } : d)) ?? null);
  let body: ReactNode;
  if (!can('inspection.task.do')) body = <p style={{ fontSize: 17, padding: 24, textAlign: 'center' }}>{t('每日自查项只分配给网格区域责任人和餐厅经理。', 'Checklist items are given to area wardens and the hall manager.')}</p>;
  else if (error) body = <Alert type="error" showIcon title={error} />;
  else if (!days) body = <Spin size="large" style={{ display: 'block', marginTop: 60 }} />;
  else {
    body = (
      <Routes>
        <Route index element={<TaskList days={days} />} />
        <Route path=":id" element={<TaskDetail days={days} onChange={(x) => { replace(x); void load(); }} />} />
      </Routes>
    );
  }
  return (
    <PhoneShell title={t('每日自查', 'Daily self-inspection')} back="/m"
      action={<Link to="/inspection" style={{ ...touch, display: 'grid', placeItems: 'center', color: '#fff', fontSize: 15, padding: '0 8px' }}>{t('电脑版', 'Desktop')}</Link>}>
      {body}
    </PhoneShell>
  );
}

function TaskList({ days }: { days: MyDay[] }) {
  const navigate = useNavigate();
  if (!days.length) return <Empty style={{ marginTop: 40 }} description={t('今天没有分配给您的自查项', 'No checklist items for you today')} />;
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      {days.map((d) => (
        <section key={d.runId} aria-label={d.canteenName}>
          <div style={{ ...card, display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 10 }}>
            <div>
              <div style={{ fontSize: 15, color: '#555' }}>{d.canteenName} · {d.date}</div>
              <div style={{ fontSize: 30, fontWeight: 700, color: d.mine.done === d.mine.tasks ? '#237804' : '#141414' }} role="status" aria-label={t('我的进度', 'My progress')}>
                {t(`${d.mine.done}/${d.mine.tasks} 已完成`, `${d.mine.done}/${d.mine.tasks} done`)}
              </div>
              {d.mine.overdue > 0 && <div style={{ color: '#cf1322', fontSize: 16 }}><WarningOutlined /> {t(`${d.mine.overdue} 项已逾期`, `${d.mine.overdue} overdue`)}</div>}
            </div>
            <div style={{ textAlign: 'right', fontSize: 14, color: '#666' }}>
              {t('全食堂', 'Canteen')}<br /><span style={{ fontSize: 20, fontWeight: 600, color: '#333' }}>{d.canteen.done}/{d.canteen.tasks}</span>
            </div>
          </div>
          <div style={{ display: 'grid', gap: 10 }}>
            {[...d.tasks].sort(order).map((x) => <TaskCard key={x.id} task={x} onOpen={() => navigate(`/m/inspection/${x.id}`)} />)}
          </div>
        </section>
      ))}
    </div>
  );
}

function TaskCard({ task, onOpen }: { task: Task; onOpen: () => void }) {
  const s = taskState(task);
  const colour = STATE_COLOUR[s.color] ?? '#333';
  const block = BLOCKS.find((b) => b.value === task.block)!;
  return (
    <button type="button" onClick={onOpen} aria-label={`${task.title}，${t(s.zh, s.en)}`}
      style={{ ...card, width: '100%', minHeight: 84, border: `2px solid ${task.overdue ? '#ffa39e' : 'transparent'}`, display: 'flex', alignItems: 'center', gap: 12, textAlign: 'left', cursor: 'pointer', font: 'inherit' }}>
      {task.photoIds.length > 0
        ? <img src={taskPhotoUrl(task.photoIds[0]!)} alt="" width={64} height={64} style={{ objectFit: 'cover', borderRadius: 8, flex: 'none' }} />
        : <div style={{ width: 64, height: 64, borderRadius: 8, background: '#eef3f1', display: 'grid', placeItems: 'center', color: GREEN, fontSize: 26, flex: 'none' }}><CameraOutlined /></div>}
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ fontSize: 13, color: '#666' }}>{t(block.zh, block.en)} · {task.area} · {t(`${task.deadline} 前`, `by ${task.deadline}`)}</div>
        <div style={{ fontSize: 18, fontWeight: 600, lineHeight: 1.35, color: '#141414' }}>{task.title}</div>
        <div style={{ fontSize: 15, color: colour, fontWeight: 600 }}>
          {task.status === 'done' ? <CheckCircleFilled /> : task.overdue ? <ExclamationCircleFilled /> : null} {t(s.zh, s.en)}
          {task.result === 'problem' && <span style={{ color: '#d46b08' }}> · {t('发现问题', 'Problem')}</span>}
        </div>
      </div>
      <RightOutlined style={{ color: '#bbb' }} />
    </button>
  );
}

function TaskDetail({ days, onChange }: { days: MyDay[]; onChange: (x: Task) => void }) {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const task = days.flatMap((d) => d.tasks).find((x) => x.id === Number(id));
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState(false);
  const [note, setNote] = useState('');
  if (!task) return <Empty style={{ marginTop: 40 }} description={t('找不到这一项', 'Item not found')} />;
  const open = task.status === 'open';
  const run = async (what: string, fn: () => Promise<Task>) => {
    setBusy(what);
    try {
      const x = await fn();
      onChange(x);
      return x;
    } catch (e) {
      message.error((e as Error).message);
      return null;
    } finally {
      setBusy(null);
    }
  };
  const upload = async (f?: File) => {
    if (!f) return;
    await run('photo', async () => (await inspectionApi.addPhoto(task.id, await shrinkPhoto(f))).task);
    if (file.current) file.current.value = '';
  };
  const finish = async (result: 'ok' | 'problem') => {
    const done = await run(result, () => inspectionApi.done(task.id, result === 'ok' ? { result } : { result, note: note.trim() }));
    if (done) {
      message.success(t('已完成', 'Done'));
      navigate('/m/inspection');
    }
  };
  const s = taskState(task);
  const needPhoto = task.requiresPhoto && !task.photoIds.length;
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <Link to="/m/inspection" style={{ ...touch, display: 'inline-flex', alignItems: 'center', gap: 6, fontSize: 16, color: GREEN }}><LeftOutlined /> {t('我的自查项', 'My items')}</Link>
      <div style={card}>
        <div style={{ fontSize: 14, color: '#666' }}>{labelOf(BLOCKS, task.block)} · {task.area} · {t(`${task.deadline} 前完成`, `due by ${task.deadline}`)}</div>
        <h2 style={{ fontSize: 22, margin: '4px 0 6px', lineHeight: 1.35 }}>{task.title}</h2>
        <div style={{ fontSize: 16, fontWeight: 600, color: STATE_COLOUR[s.color] }}>{t(s.zh, s.en)}</div>
        {task.status === 'done' && (
          <div style={{ marginTop: 6, fontSize: 15 }}>
            {task.result === 'problem' ? <span style={{ color: '#d46b08' }}>{t('发现问题：', 'Problem: ')}{task.note}</span> : t('正常', 'Fine')}
            <div style={{ color: '#666' }}>{task.doneByName} · {chinaTime(task.doneAt, true)}</div>
          </div>
        )}
      </div>
      {task.photoIds.length > 0 && (
        <div style={card}>
          <div style={{ fontSize: 15, color: '#555', marginBottom: 8 }}>{t('已上传（服务器已加水印）', 'Uploaded (watermarked by the server)')}</div>
          <Image.PreviewGroup>
            <div style={{ display: 'grid', gap: 8 }}>
              {task.photoIds.map((p) => (
                <div key={p} style={{ position: 'relative' }}>
                  <Image src={taskPhotoUrl(p)} width="100%" style={{ borderRadius: 8 }} alt={t('带水印的现场照片', 'Watermarked photo')} />
                  {open && (
                    <button type="button" aria-label={t('删除这张照片', 'Remove this photo')} disabled={!!busy}
                      onClick={() => void run('remove', () => inspectionApi.removePhoto(task.id, p))}
                      style={{ position: 'absolute', top: 4, right: 4, width: 48, height: 48, border: 0, borderRadius: 24, background: 'rgba(0,0,0,.55)', color: '#fff', fontSize: 22 }}>
                      <CloseCircleFilled />
                    </button>
                  )}
                </div>
              ))}
            </div>
          </Image.PreviewGroup>
        </div>
      )}
      {open && (
        <>
          <input ref={file} type="file" accept="image/*" capture="environment" hidden aria-label={t('拍摄现场照片', 'Take a photo')} onChange={(e) => void upload(e.target.files?.[0])} />
          <Button size="large" block icon={<CameraOutlined />} loading={busy === 'photo'} onClick={() => file.current?.click()}
            type={task.photoIds.length ? 'default' : 'primary'} style={{ minHeight: 64, fontSize: 19 }}>
            {task.photoIds.length ? t('再拍一张', 'Add another photo') : t('拍照', 'Take a photo')}
          </Button>
          {needPhoto && <div style={{ color: '#666', textAlign: 'center' }}>{t('拍照后才能提交', 'Take a photo first')}</div>}
          {!problem ? (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 10 }}>
              <Button size="large" type="primary" disabled={needPhoto || !!busy} loading={busy === 'ok'} onClick={() => void finish('ok')}
                style={{ minHeight: 64, fontSize: 19, background: needPhoto ? undefined : '#237804' }} icon={<CheckCircleFilled />}>{t('正常', 'Fine')}</Button>
              <Button size="large" danger disabled={needPhoto || !!busy} onClick={() => setProblem(true)} style={{ minHeight: 64, fontSize: 19 }} icon={<WarningOutlined />}>{t('有问题', 'Problem')}</Button>
            </div>
          ) : (
            <div style={{ ...card, display: 'grid', gap: 10 }}>
              <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} autoFocus aria-label={t('问题说明', 'What is wrong')}
                placeholder={t('写明发现的问题和处理情况，例如：灭火器压力不足，已报修', 'What is wrong and what was done')} style={{ fontSize: 17 }} />
              <div style={{ display: 'grid', gridTemplateColumns: '1fr 2fr', gap: 10 }}>
                <Button size="large" onClick={() => setProblem(false)} style={touch}>{t('返回', 'Back')}</Button>
                <Button size="large" type="primary" danger disabled={!note.trim() || !!busy} loading={busy === 'problem'} onClick={() => void finish('problem')} style={touch}>{t('提交问题', 'Report the problem')}</Button>
              </div>
            </div>
          )}
        </>
      )}
    </div>
  );
}
