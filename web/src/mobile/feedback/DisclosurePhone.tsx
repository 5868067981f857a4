import { Progress } from 'antd';
import dayjs from 'dayjs';
import { yuan } from '../../api.ts';
import { currentLang, mealLabel, t, useLang } from '../../i18n.ts';
import { ASPECTS, type Disclosure } from '../../modules/feedback/api.ts';
import { labelOf } from '../../shell/labels.tsx';
import { CanteenTabs } from './CanteenTabs.tsx';
import { card, GREEN, PhoneShell } from './PhoneShell.tsx';

const h2 = { fontSize: 18, margin: '18px 4px 8px', display: 'flex', alignItems: 'baseline', gap: 8 } as const;
const note = { fontSize: 13, fontWeight: 400, color: '#888' } as const;
const pct = (n: number, of: number) => (of ? Math.round((n / of) * 100) : 0);

/** /m/disclosure — 阳光公示: per canteen, today's prices, suppliers with their inspection results, what diners rated, how feedback was handled. */
export function DisclosurePhone() {
  useLang();
  return (
    <PhoneShell title={t('阳光公示', 'Public disclosure')}>
      <CanteenTabs<Disclosure> path="/api/disclosure">{(d) => <DisclosureBody d={d} />}</CanteenTabs>
    </PhoneShell>
  );
}

function DisclosureBody({ d }: { d: Disclosure }) {
  const aspects = d.surveys.aspects;
  const f = d.feedback;
  return (
    <>
      <h2 style={h2}>{t('今日菜品价格', "Today's prices")}<span style={note}>{dayjs(d.date).format(t('M月D日', 'D MMM'))}</span></h2>
      {d.menu.length === 0 ? <div style={{ ...card, color: '#888' }}>{t('今天的菜单还没有发布', "Today's menu is not published yet")}</div> : (
        <div style={{ ...card, padding: '4px 14px' }}>
          {d.menu.map((m) => (
            <section key={m.meal} aria-label={mealLabel(m.meal)}>
              <h3 style={{ fontSize: 16, color: GREEN, margin: '10px 0 4px' }}>{mealLabel(m.meal)}</h3>
              {m.dishes.map((x) => (
                <div key={x.dishId} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0', fontSize: 16 }}>
                  <span>{currentLang() === 'en' && x.nameEn ? x.nameEn : x.name}</span>
                  <b style={{ color: '#d4380d', whiteSpace: 'nowrap' }}>{yuan(x.priceFen)}</b>
                </div>
              ))}
            </section>
          ))}
        </div>
      )}

      <h2 style={h2}>{t('供应商与验收', 'Suppliers and inspections')}<span style={note}>{t(`近 30 天`, 'last 30 days')}</span></h2>
      {d.inspections.suppliers.length === 0 ? <div style={{ ...card, color: '#888' }}>{t('近 30 天没有验收记录', 'No deliveries inspected in the last 30 days')}</div> : (
        <div style={{ display: 'grid', gap: 8 }}>
          {d.inspections.suppliers.map((s) => (
            <article key={s.supplierId ?? 0} aria-label={s.name ?? ''} style={card}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <b style={{ fontSize: 17 }}>{s.name ?? t('未指定供应商', 'No supplier named')}</b>
                <span style={{ fontSize: 14, color: '#666', whiteSpace: 'nowrap' }}>{t(`验收 ${s.receipts} 次`, `${s.receipts} deliveries`)}</span>
              </div>
              <Progress percent={pct(s.accepted, s.lines)} success={{ percent: pct(s.accepted, s.lines) }} showInfo={false} size="small" style={{ margin: '6px 0 2px' }} aria-label={t('合格率', 'Accepted share')} />
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 14px', fontSize: 14, color: '#555' }}>
                <span>{t('合格', 'Accepted')} <b style={{ color: '#389e0d' }}>{s.accepted}</b></span>
                <span>{t('部分退回', 'Partly rejected')} <b style={{ color: s.partial ? '#d46b08' : undefined }}>{s.partial}</b></span>
                <span>{t('拒收', 'Rejected')} <b style={{ color: s.rejected ? '#cf1322' : undefined }}>{s.rejected}</b></span>
                <span>{t('合格率', 'Accepted')} {pct(s.accepted, s.lines)}%</span>
              </div>
              <div style={{ fontSize: 13, color: '#999', marginTop: 2 }}>
                {t(`品质：好 ${s.good} · 一般 ${s.fair} · 差 ${s.poor}；最近一次 ${s.lastReceivedOn}`, `Quality: good ${s.good} · fair ${s.fair} · poor ${s.poor}; last ${s.lastReceivedOn}`)}
              </div>
            </article>
          ))}
        </div>
      )}

      <h2 style={h2}>{t('就餐满意度', 'Diner satisfaction')}<span style={note}>{t('近一年调查，满分 5 分', 'surveys of the past year, out of 5')}</span></h2>
      <div style={card}>
        {aspects.length === 0 ? <span style={{ color: '#888' }}>{t('还没有调查结果', 'No survey results yet')}</span> : aspects.map((a) => (
          <div key={a.aspect} style={{ display: 'grid', gridTemplateColumns: '56px 1fr 44px', alignItems: 'center', gap: 8, padding: '4px 0', fontSize: 16 }}>
            <span>{labelOf(ASPECTS, a.aspect)}</span>
            <Progress percent={(a.average / 5) * 100} showInfo={false} strokeColor="#fadb14" aria-label={labelOf(ASPECTS, a.aspect)} />
            <b style={{ textAlign: 'right' }}>{a.average.toFixed(1)}</b>
          </div>
        ))}
        {d.surveys.recent.map((s) => (
          <div key={s.id} style={{ fontSize: 14, color: '#666', marginTop: 6 }}>
            {s.title} · {s.opensOn.slice(5)}~{s.closesOn.slice(5)} · {t(`${s.responses} 人参与`, `${s.responses} took part`)}
          </div>
        ))}
      </div>

      <h2 style={h2}>{t('意见处理', 'Feedback handled')}<span style={note}>{t('近 30 天', 'last 30 days')}</span></h2>
      <div style={{ ...card, display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', textAlign: 'center' }}>
        {[[t('收到意见', 'Received'), f.received], [t('已回复', 'Replied'), f.replied], [t('回复满意', 'Satisfied'), f.satisfied]].map(([label, n]) => (
          <div key={String(label)}>
            <div style={{ fontSize: 26, fontWeight: 700, color: GREEN }}>{n}</div>
            <div style={{ fontSize: 14, color: '#666' }}>{label}</div>
          </div>
        ))}
      </div>
    </>
  );
}
