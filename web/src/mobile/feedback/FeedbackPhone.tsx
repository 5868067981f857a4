import { CameraOutlined, CloseCircleFilled, EditOutlined, FrownOutlined, SmileOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Image, Input, Select, Spin } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Route, Routes, useNavigate } from 'react-router-dom';
import { get, post } from '../../api.ts';
import { t, useLang } from '../../i18n.ts';
import { FEEDBACK_CATEGORIES, FEEDBACK_STATUSES, photoHref, type Feedback } from '../../modules/feedback/api.ts';
import { labelOf, tagOf } from '../../shell/labels.tsx';
import { card, ChoiceButtons, GREEN, PhoneShell, touch } from './PhoneShell.tsx';

const MAX_PHOTOS = 3;
const when = (iso: string) => dayjs(iso).format(t('M月D日 HH:mm', 'D MMM HH:mm'));

/** /m/feedback — my feedback with the canteen's replies; /m/feedback/new writes one. */
export function FeedbackPhone() {
  useLang();
  return (
    <Routes>
      <Route index element={<MyFeedback />} />
      <Route path="new" element={<NewFeedback />} />
    </Routes>
  );
}

function MyFeedback() {
  const navigate = useNavigate();
  const [list, setList] = useState<Feedback[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { get<Feedback[]>('/api/feedback/mine').then(setList).catch((e) => setError((e as Error).message)); }, []);
  const replace = (f: Feedback) => setList((cur) => cur?.map((x) => (x.id === f.id ? f : x)) ?? null);
  return (
    <PhoneShell title={t('意见建议', 'Feedback')}>
      <Button type="primary" size="large" block icon={<EditOutlined />} onClick={() => navigate('/m/feedback/new')} style={{ ...touch, fontSize: 18, marginBottom: 12 }}>
        {t('写意见', 'Write feedback')}
      </Button>
      {error && <Alert type="error" showIcon title={error} />}
      {!list && !error && <Spin size="large" style={{ display: 'block', marginTop: 60 }} />}
      {list && !list.length && <Empty style={{ marginTop: 40 }} description={t('您还没有提过意见', 'You have not sent any feedback yet')} />}
      <div style={{ display: 'grid', gap: 10 }}>
        {list?.map((f) => <FeedbackCard key={f.id} f={f} onChange={replace} />)}
      </div>
    </PhoneShell>
  );
}

function FeedbackCard({ f, onChange }: { f: Feedback; onChange: (f: Feedback) => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const act = async (path: string, body?: unknown) => {
    setBusy(true);
    try {
      onChange(await post<Feedback>(`/api/feedback/${f.id}/${path}`, body));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const canRate = f.replies.length > 0 && f.satisfied === null;
  return (
    <article aria-label={`${t('意见', 'Feedback')} ${f.id}`} style={card}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
        {tagOf(FEEDBACK_CATEGORIES, f.category)}
        <span style={{ fontSize: 14, color: '#666', flex: 1 }}>{f.canteenName}</span>
        {tagOf(FEEDBACK_STATUSES, f.status)}
      </div>
      <p style={{ fontSize: 17, margin: '10px 0 6px', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{f.text}</p>
      {f.dishName && <div style={{ fontSize: 14, color: '#555' }}>{t('菜品：', 'Dish: ')}{f.dishName}</div>}
      {f.photoIds.length > 0 && (
        <Image.PreviewGroup>
          <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
            {f.photoIds.map((p) => <Image key={p} src={photoHref(f.id, p)} width={80} height={80} style={{ objectFit: 'cover', borderRadius: 8 }} alt={t('照片', 'Photo')} />)}
          </div>
        </Image.PreviewGroup>
      )}
      <div style={{ fontSize: 13, color: '#999', marginTop: 6 }}>{when(f.createdAt)}</div>
      {f.replies.map((r) => (
        <div key={r.id} style={{ background: '#e6f2ee', borderRadius: 10, padding: '10px 12px', marginTop: 10 }}>
          <div style={{ fontSize: 14, color: GREEN, fontWeight: 600 }}>{t('食堂回复', 'Canteen reply')} · {r.byName} · {when(r.at)}</div>
          <div style={{ fontSize: 16, marginTop: 4, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{r.text}</div>
        </div>
      ))}
      {canRate && (
        <div style={{ marginTop: 12 }}>
          <div style={{ fontSize: 15, marginBottom: 6 }}>{t('您对这条回复满意吗？', 'Are you satisfied with the reply?')}</div>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
            <Button size="large" icon={<SmileOutlined />} disabled={busy} onClick={() => act('rating', { satisfied: true })} style={{ ...touch, color: '#389e0d', borderColor: '#389e0d' }}>{t('满意', 'Satisfied')}</Button>
            <Button size="large" icon={<FrownOutlined />} disabled={busy} onClick={() => act('rating', { satisfied: false })} danger style={touch}>{t('不满意', 'Not satisfied')}</Button>
          </div>
        </div>
      )}
      {f.satisfied === true && <div style={{ color: '#389e0d', marginTop: 8 }}><SmileOutlined /> {t('您对回复表示满意', 'You were satisfied with the reply')}</div>}
      {f.satisfied === false && <div style={{ color: '#cf1322', marginTop: 8 }}><FrownOutlined /> {t('您对回复不满意，食堂会再次回复', 'You were not satisfied; the canteen will reply again')}</div>}
      {f.status !== 'closed' && !canRate && (
        <Button type="link" disabled={busy} onClick={() => act('close')} style={{ ...touch, padding: 0, marginTop: 4 }}>{t('问题已解决，关闭', 'Resolved — close it')}</Button>
      )}
    </article>
  );
}

interface MenuDish { dishId: number; name: string }

function NewFeedback() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [canteens, setCanteens] = useState<{ id: number; name: string }[]>([]);
  const [canteenId, setCanteenId] = useState<number | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [dishId, setDishId] = useState<number | undefined>();
  const [dishes, setDishes] = useState<MenuDish[]>([]);
  const [photos, setPhotos] = useState<{ file: File; url: string }[]>([]);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    get<{ id: number; name: string }[]>('/api/disclosure').then((list) => {
      setCanteens(list);
      const remembered = Number(localStorage.getItem('m.canteen'));
      setCanteenId(list.find((c) => c.id === remembered)?.id ?? list[0]?.id);
    }).catch((e) => setFailure((e as Error).message));
  }, []);
  useEffect(() => {
    setDishId(undefined);
    setDishes([]);
    if (!canteenId) return;
    get<{ meals: { dishes: MenuDish[] }[] }[]>(`/api/menu/published?date=${dayjs().format('YYYY-MM-DD')}&canteenId=${canteenId}`)
      .then((menus) => {
        const seen = new Map<number, MenuDish>();
        for (const m of menus[0]?.meals ?? []) for (const d of m.dishes) seen.set(d.dishId, d);
        setDishes([...seen.values()]);
      })
      .catch(() => setDishes([]));
  }, [canteenId]);
  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const addPhotos = (files: FileList | null) => {
    const room = MAX_PHOTOS - photos.length;
    const picked = Array.from(files ?? []).filter((f) => f.type.startsWith('image/')).slice(0, room);
    if ((files?.length ?? 0) > room) message.warning(t(`最多 ${MAX_PHOTOS} 张照片`, `At most ${MAX_PHOTOS} photos`));
    setPhotos((cur) => [...cur, ...picked.map((file) => ({ file, url: URL.createObjectURL(file) }))]);
  };
  const valid = !!canteenId && !!category && text.trim().length >= 2;
  const submit = async () => {
    setTried(true);
    if (!valid) return;
    setSending(true);
    setFailure(null);
    try {
      const f = await post<Feedback>('/api/feedback', { canteenId, category, text: text.trim(), dishId });
      for (const p of photos) {
        const body = new FormData();
        body.set('file', p.file);
        await post(`/api/feedback/${f.id}/photos`, body);
      }
      message.success(t('已提交，食堂会尽快回复', 'Sent; the canteen will reply soon'));
      navigate('/m/feedback');
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setSending(false);
    }
  };
  const need = (ok: boolean, zh: string, en: string) => (tried && !ok ? <div style={{ color: '#ff4d4f', fontSize: 14, marginTop: 6 }}>{t(zh, en)}</div> : null);

  return (
    <PhoneShell title={t('写意见', 'Write feedback')} back="/m/feedback">
      <div style={{ display: 'grid', gap: 10 }}>
        {canteens.length > 1 && (
          <section style={card} aria-label={t('食堂', 'Canteen')}>
            <h2 style={{ fontSize: 17, margin: '0 0 10px' }}>{t('给哪个食堂', 'Which canteen')}</h2>
            <ChoiceButtons label={t('食堂', 'Canteen')} columns={2} value={canteenId} onChange={setCanteenId} options={canteens.map((c) => ({ value: c.id, label: c.name }))} />
          </section>
        )}
        <section style={card} aria-label={t('类别', 'Category')}>
          <h2 style={{ fontSize: 17, margin: '0 0 10px' }}>{t('意见类别', 'Category')}</h2>
          <ChoiceButtons label={t('类别', 'Category')} columns={3} value={category} onChange={setCategory} options={FEEDBACK_CATEGORIES.map((c) => ({ value: c.value, label: labelOf(FEEDBACK_CATEGORIES, c.value) }))} />
          {need(!!category, '请选择类别', 'Choose a category')}
        </section>
        <section style={card} aria-label={t('内容', 'What happened')}>
          <h2 style={{ fontSize: 17, margin: '0 0 10px' }}>{t('您的意见', 'Your feedback')}</h2>
          <Input.TextArea aria-label={t('您的意见', 'Your feedback')} rows={5} maxLength={1000} showCount value={text} onChange={(e) => setText(e.target.value)}
            placeholder={t('例如：今天的红烧肉偏咸', 'e.g. the braised pork was too salty today')} style={{ fontSize: 16, marginBottom: 16 }} />
          {need(text.trim().length >= 2, '请写下您的意见（至少 2 个字）', 'Write at least 2 characters')}
          {dishes.length > 0 && (
            <Select aria-label={t('相关菜品', 'Dish')} allowClear showSearch={{ optionFilterProp: 'label' }} size="large" value={dishId} onChange={setDishId} placeholder={t('相关菜品（选填）', 'Dish (optional)')}
              options={dishes.map((d) => ({ value: d.dishId, label: d.name }))} style={{ width: '100%', marginTop: 12 }} />
          )}
        </section>
        <section style={card} aria-label={t('照片', 'Photos')}>
          <h2 style={{ fontSize: 17, margin: '0 0 10px' }}>{t('照片（选填，最多 3 张）', 'Photos (optional, up to 3)')}</h2>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            {photos.map((p, i) => (
              <div key={p.url} style={{ position: 'relative' }}>
                <img src={p.url} alt={`${t('照片', 'Photo')} ${i + 1}`} style={{ width: 88, height: 88, objectFit: 'cover', borderRadius: 8, display: 'block' }} />
                <button type="button" aria-label={t('删除照片', 'Remove photo')} onClick={() => setPhotos((cur) => cur.filter((x) => x !== p))}
                  style={{ position: 'absolute', top: -10, right: -10, width: 48, height: 48, border: 0, background: 'transparent', fontSize: 22, color: '#cf1322', cursor: 'pointer', display: 'grid', placeItems: 'center' }}>
                  <CloseCircleFilled style={{ background: '#fff', borderRadius: '50%' }} />
                </button>
              </div>
            ))}
            {photos.length < MAX_PHOTOS && (
              <button type="button" onClick={() => input.current?.click()} aria-label={t('拍照或选照片', 'Take or choose a photo')}
                style={{ width: 88, height: 88, border: '2px dashed #bbb', borderRadius: 8, background: '#fafafa', fontSize: 14, color: '#555', cursor: 'pointer' }}>
                <CameraOutlined style={{ fontSize: 26, display: 'block', margin: '0 auto 4px' }} />{t('拍照', 'Photo')}
              </button>
            )}
          </div>
          <input ref={input} type="file" accept="image/jpeg,image/png,image/webp" multiple hidden data-testid="feedback-photo" onChange={(e) => { addPhotos(e.target.files); e.target.value = ''; }} />
        </section>
      </div>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 12 }} />}
      <Button type="primary" size="large" block loading={sending} onClick={submit} style={{ ...touch, marginTop: 16, fontSize: 18 }}>{t('提交', 'Send')}</Button>
    </PhoneShell>
  );
}
