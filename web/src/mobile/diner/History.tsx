import { Alert, Button, Empty, Spin } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { get } from '../../api.ts';
import { currentLang, mealLabel, t, useLang } from '../../i18n.ts';
import { PhoneShell, touch } from '../feedback/PhoneShell.tsx';
import { ENTRY_KIND, ENTRY_METHOD, label, type HistoryRow, type MySale } from './api.ts';

const PAGE = 20;
/** The server answers at most this many days of sales at once. */
const SALES_SPAN_DAYS = 91;

const signed = (fen: number) => `${fen > 0 ? '+' : fen < 0 ? '−' : ''}¥${(Math.abs(fen) / 100).toFixed(2)}`;

function dishText(s: MySale) {
  return s.lines.map((l) => {
    const name = currentLang() === 'en' && l.nameEn ? l.nameEn : l.name;
    return l.how === 'weigh' && l.weightG ? `${name} ${l.weightG}${t('克', ' g')}` : l.portions > 1 ? `${name} ×${l.portions}` : name;
  }).join('、');
}

/** One ledger entry: what happened, where and when, the dishes of a meal, and the signed amount. */
export function HistoryItem({ row, sale }: { row: HistoryRow; sale?: MySale }) {
  const change = row.cashFen + row.subsidyFen;
  const title = row.kind === 'payment' && sale ? `${label(ENTRY_KIND, row.kind)} · ${mealLabel(sale.meal)}` : label(ENTRY_KIND, row.kind);
  return (
    <article aria-label={title} style={{ display: 'flex', gap: 10, padding: '12px 0', borderBottom: '1px solid #f0f0f0', minHeight: 56 }}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ fontSize: 17, fontWeight: 600 }}>
          {title}
          {sale?.status === 'voided' && <span style={{ marginLeft: 8, fontSize: 13, fontWeight: 400, color: '#888', border: '1px solid #d9d9d9', borderRadius: 4, padding: '0 4px' }}>{t('已撤销', 'undone')}</span>}
        </div>
        {sale && <div style={{ fontSize: 15, color: '#333', margin: '2px 0', wordBreak: 'break-all' }}>{dishText(sale)}</div>}
        <div style={{ fontSize: 13, color: '#888', display: 'flex', flexWrap: 'wrap', columnGap: 6 }}>
          {[dayjs(row.at).format(t('M月D日 HH:mm', 'D MMM HH:mm')), row.placeName, label(ENTRY_METHOD, row.method), row.offline ? t('离线', 'offline') : '']
            .filter(Boolean).map((part, i) => <span key={i} style={{ whiteSpace: 'nowrap' }}>{i > 0 && '· '}{part}</span>)}
        </div>
        {row.kind === 'payment' && row.subsidyFen < 0 && (
          <div style={{ fontSize: 13, color: '#888' }}>{t(`其中补贴 ¥${(-row.subsidyFen / 100).toFixed(2)}`, `of which subsidy ¥${(-row.subsidyFen / 100).toFixed(2)}`)}</div>
        )}
      </div>
      <div style={{ fontSize: 19, fontWeight: 700, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', color: change > 0 ? '#27864a' : change < 0 ? '#d4380d' : '#888' }}>
        {signed(change)}
      </div>
    </article>
  );
}

/** /m/history — every movement of the account, newest first, twenty at a time as one scrolls. */
export function HistoryPage() {
  useLang();
  const [rows, setRows] = useState<HistoryRow[]>([]);
  const [sales, setSales] = useState<Map<number, MySale>>(new Map());
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const more = useRef<HTMLDivElement>(null);
  const busy = useRef(false);

  const load = useCallback(async () => {
    if (busy.current || done) return;
    busy.current = true;
    setLoading(true);
    try {
      const before = rows.at(-1)?.id;
      const page = await get<HistoryRow[]>(`/api/accounts/me/history?limit=${PAGE}${before ? `&before=${before}` : ''}`);
      setRows((r) => [...r, ...page]);
      if (page.length < PAGE) setDone(true);
      // The dishes of the meals paid on this page, matched by the ledger entry that paid them.
      const paid = page.filter((r) => r.kind === 'payment');
      if (paid.length) {
        const to = paid[0]!.businessDate;
        const oldest = paid.at(-1)!.businessDate;
        const earliest = dayjs(to).subtract(SALES_SPAN_DAYS - 1, 'day').format('YYYY-MM-DD');
        const from = oldest < earliest ? earliest : oldest;
        const list = await get<MySale[]>(`/api/checkout/my-sales?from=${from}&to=${to}`).catch(() => []);
        setSales((m) => new Map([...m, ...list.map((s) => [s.entryId, s] as const)]));
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [rows, done]);

  // The first page, and the next whenever the end of the list scrolls into view.
  useEffect(() => {
    const el = more.current;
    if (!el || done) return;
    const io = new IntersectionObserver((e) => { if (e[0]?.isIntersecting) void load(); }, { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, [load, done]);

  // Group by day, with the day's heading.
  const days = new Map<string, HistoryRow[]>();
  for (const r of rows) days.set(r.businessDate, [...(days.get(r.businessDate) ?? []), r]);

  return (
    <PhoneShell title={t('收支明细', 'Transactions')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!rows.length && done && <Empty style={{ marginTop: 60 }} description={t('还没有收支记录', 'No transactions yet')} />}
      {[...days.entries()].map(([day, list]) => (
        <section key={day} aria-label={day} style={{ marginBottom: 12 }}>
          <h2 style={{ fontSize: 15, color: '#666', fontWeight: 600, margin: '8px 4px 6px' }}>{dayjs(day).format(t('M月D日 dddd', 'dddd D MMM'))}</h2>
          <div style={{ background: '#fff', borderRadius: 12, padding: '0 14px', boxShadow: '0 1px 3px rgba(0,0,0,.06)' }}>
            {list.map((r) => <HistoryItem key={r.id} row={r} sale={r.kind === 'payment' ? sales.get(r.id) : undefined} />)}
          </div>
        </section>
      ))}
      <div ref={more} style={{ textAlign: 'center', padding: '8px 0 24px' }}>
        {loading && <Spin />}
        {!loading && !done && rows.length > 0 && <Button block size="large" style={touch} onClick={() => void load()}>{t('加载更多', 'Load more')}</Button>}
        {done && rows.length > 0 && <span style={{ color: '#999', fontSize: 14 }}>{t('没有更早的记录了', 'No earlier transactions')}</span>}
      </div>
    </PhoneShell>
  );
}
