import { Button, DatePicker, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { t } from '../../i18n.ts';

export type Period = { from: string; to: string };
const DAY = 'YYYY-MM-DD';
const span = (a: Dayjs, b: Dayjs): Period => ({ from: a.format(DAY), to: b.format(DAY) });

/** The periods people ask for most, one tap each. */
export const QUICK_PERIODS = [
  { key: 'month', zh: '本月', en: 'This month', period: () => span(dayjs().startOf('month'), dayjs()) },
  { key: 'last-month', zh: '上月', en: 'Last month', period: () => span(dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')) },
  { key: 'year', zh: '本年', en: 'This year', period: () => span(dayjs().startOf('year'), dayjs()) },
  { key: '30d', zh: '近 30 天', en: 'Last 30 days', period: () => span(dayjs().subtract(29, 'day'), dayjs()) },
] as const;

export const last30Days = () => QUICK_PERIODS[3].period();

/** A date range with quick choices (本月, 上月, 本年, 近 30 天) as large buttons; at most a year, as the server allows. */
export function PeriodPicker({ value, onChange, maxDays = 366 }: { value: Period; onChange: (p: Period) => void; maxDays?: number }) {
  const current = QUICK_PERIODS.find((q) => { const p = q.period(); return p.from === value.from && p.to === value.to; })?.key;
  return (
    <Space wrap size={8}>
      {QUICK_PERIODS.map((q) => (
        <Button key={q.key} size="large" type={current === q.key ? 'primary' : 'default'} onClick={() => onChange(q.period())}>{t(q.zh, q.en)}</Button>
      ))}
      <DatePicker.RangePicker size="large" allowClear={false} aria-label={t('日期范围', 'Dates')} value={[dayjs(value.from), dayjs(value.to)]}
        disabledDate={(d, info) => {
          const from = info.from;
          return !!from && Math.abs(d.diff(from, 'day')) >= maxDays;
        }}
        onChange={(v) => v?.[0] && v[1] && onChange(span(v[0], v[1]))} />
    </Space>
  );
}
