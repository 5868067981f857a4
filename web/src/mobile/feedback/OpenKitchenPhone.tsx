import { CheckCircleFilled, ExclamationCircleFilled, VideoCameraOutlined } from '@ant-design/icons';
import { Image } from 'antd';
import { mealLabel, t, useLang } from '../../i18n.ts';
import { CanteenTabs } from './CanteenTabs.tsx';
import { card, GREEN, PhoneShell, touch } from './PhoneShell.tsx';

interface OpenKitchen {
  canteenName: string;
  date: string;
  morningChecks: { workers: number; checked: number; fit: number };
  samples: { meal: string; dishName: string; grams: number; keptAt: string; keeperName: string | null; discardAfter: string; photoUrl: string | null }[];
  samplesMissing: number;
  inspections: { block: string; title: string; doneAt: string; byName: string | null; result: string; photoUrls: string[] }[];
  inspectionProgress: { tasks: number; done: number };
  coldChain: { place: string; name: string; temperatureC: number | null; ok: boolean; at: string | null }[];
  liveViews: { name: string; url: string }[];
}

const BLOCKS: Record<string, { zh: string; en: string }> = {
  frugality: { zh: '厉行节约', en: 'Frugality' },
  safety: { zh: '安全', en: 'Safety' },
  hygiene: { zh: '环境卫生', en: 'Hygiene' },
};
const h2 = { fontSize: 18, margin: '18px 4px 8px', display: 'flex', alignItems: 'baseline', gap: 8 } as const;
const note = { fontSize: 13, fontWeight: 400, color: '#888' } as const;
const time = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
const dayTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** /m/open-kitchen — 阳光厨房: what happened in the kitchen today, with photos, for any diner of the bureau. */
export function OpenKitchenPhone() {
  useLang();
  return (
    <PhoneShell title={t('阳光厨房', 'Open kitchen')}>
      <CanteenTabs<OpenKitchen> path="/api/open-kitchen">{(d) => <OpenKitchenBody d={d} />}</CanteenTabs>
    </PhoneShell>
  );
}

function Fact({ ok, children }: { ok: boolean; children: React.ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 10, fontSize: 16, padding: '6px 0' }}>
      {ok ? <CheckCircleFilled style={{ color: '#389e0d', fontSize: 22 }} /> : <ExclamationCircleFilled style={{ color: '#d46b08', fontSize: 22 }} />}
      <span>{children}</span>
    </div>
  );
}

function OpenKitchenBody({ d }: { d: OpenKitchen }) {
  const m = d.morningChecks;
  const p = d.inspectionProgress;
  const cold = d.coldChain.filter((c) => c.temperatureC !== null);
  return (
    <>
      <section aria-label={t('今日概况', 'Today')} style={{ ...card, marginTop: 12 }}>
        <Fact ok={m.workers > 0 && m.checked === m.workers && m.fit === m.checked}>{t(`晨检：${m.workers} 名从业人员，已检 ${m.checked}，合格 ${m.fit}`, `Morning check: ${m.workers} workers, ${m.checked} checked, ${m.fit} fit`)}</Fact>
        <Fact ok={d.samplesMissing === 0}>{t(`留样：今日已留 ${d.samples.length} 份${d.samplesMissing ? `，待留 ${d.samplesMissing} 份` : ''}`, `Samples: ${d.samples.length} kept today${d.samplesMissing ? `, ${d.samplesMissing} still due` : ''}`)}</Fact>
        <Fact ok={p.tasks > 0 && p.done === p.tasks}>{t(`每日自查：${p.done}/${p.tasks} 项已完成`, `Self-inspection: ${p.done} of ${p.tasks} done`)}</Fact>
        {cold.length > 0 && <Fact ok={cold.every((c) => c.ok)}>{t(`冷链温度：${cold.filter((c) => c.ok).length}/${cold.length} 处正常`, `Cold chain: ${cold.filter((c) => c.ok).length} of ${cold.length} in range`)}</Fact>}
      </section>

      {d.liveViews.length > 0 && (
        <>
          <h2 style={h2}>{t('后厨直播', 'Live kitchen')}</h2>
          <div style={{ display: 'grid', gap: 8 }}>
            {d.liveViews.map((v) => (
              <a key={v.url} href={v.url} target="_blank" rel="noreferrer" style={{ ...card, ...touch, display: 'flex', alignItems: 'center', gap: 10, color: GREEN, fontSize: 17, textDecoration: 'none' }}>
                <VideoCameraOutlined style={{ fontSize: 22 }} />{v.name}
              </a>
            ))}
          </div>
        </>
      )}

      <h2 style={h2}>{t('今日留样', "Today's samples")}<span style={note}>{t('每道菜留样 ≥125 克，保存 48 小时', '≥ 125 g of every dish, kept 48 hours')}</span></h2>
      {d.samples.length === 0 ? <div style={{ ...card, color: '#888' }}>{t('今天还没有留样记录', 'No samples kept yet today')}</div> : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, 1fr)', gap: 8 }}>
          {d.samples.map((s, i) => (
            <article key={i} aria-label={s.dishName} style={{ ...card, padding: 8 }}>
              {s.photoUrl ? <Image src={s.photoUrl} alt={s.dishName} style={{ width: '100%', aspectRatio: '4 / 3', objectFit: 'cover', borderRadius: 8 }} /> : <div style={{ aspectRatio: '4 / 3', background: '#eee', borderRadius: 8 }} />}
              <div style={{ fontSize: 16, fontWeight: 600, marginTop: 6 }}>{s.dishName}</div>
              <div style={{ fontSize: 14, color: '#666' }}>{mealLabel(s.meal)} · {s.grams} {t('克', 'g')} · {time(s.keptAt)}</div>
              {s.keeperName && <div style={{ fontSize: 13, color: '#888' }}>{t(`留样人 ${s.keeperName}`, `Kept by ${s.keeperName}`)}</div>}
            </article>
          ))}
        </div>
      )}

      <h2 style={h2}>{t('最新自查', 'Latest inspections')}<span style={note}>{t('照片带时间地点水印', 'photos carry a time and place watermark')}</span></h2>
      {d.inspections.length === 0 ? <div style={{ ...card, color: '#888' }}>{t('还没有完成的自查项', 'No inspection items done yet')}</div> : (
        <div style={{ display: 'grid', gap: 8 }}>
          {d.inspections.map((i, k) => (
            <article key={k} aria-label={i.title} style={card}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <b style={{ fontSize: 16 }}>{i.title}</b>
                <span style={{ fontSize: 13, color: i.result === 'ok' ? '#389e0d' : '#d46b08', whiteSpace: 'nowrap' }}>{i.result === 'ok' ? t('合格', 'OK') : t('发现问题', 'Problem found')}</span>
              </div>
              <div style={{ fontSize: 14, color: '#666' }}>{BLOCKS[i.block] ? t(BLOCKS[i.block]!.zh, BLOCKS[i.block]!.en) : i.block} · {dayTime(i.doneAt)}{i.byName ? ` · ${i.byName}` : ''}</div>
              {i.photoUrls.length > 0 && (
                <Image.PreviewGroup>
                  <div style={{ display: 'flex', gap: 6, marginTop: 8, overflowX: 'auto' }}>
                    {i.photoUrls.map((u) => <Image key={u} src={u} alt={i.title} width={120} height={90} style={{ objectFit: 'cover', borderRadius: 6 }} />)}
                  </div>
                </Image.PreviewGroup>
              )}
            </article>
          ))}
        </div>
      )}
    </>
  );
}
