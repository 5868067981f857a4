import { BarChartOutlined, CheckCircleFilled, FileExcelOutlined, FilePdfOutlined, FileTextOutlined, FundOutlined, PrinterOutlined, ShoppingCartOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Select, Space, Spin, Statistic, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Route, Routes, useNavigate, useSearchParams } from 'react-router-dom';
import { get } from '../../api.ts';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { categoryOptions, Plain } from '../ingredient/shared.tsx';
import { Chart } from './chart.tsx';
import { filtersFromSearch, labelOf, REPORT_HINTS, reportHref, rowsText, searchOf, yuanText, type ReportDoc, type ReportEntry, type ReportFilters, type ReportKey } from './document.ts';
import { progressText, useDownload } from './download.ts';
import { last30Days, PeriodPicker } from './period.tsx';
import { profitLossOption, topClosingCount, topClosingOption } from './report-charts.ts';
import { ReportPrint } from './ReportPrint.tsx';
import { ReportTable } from './ReportTable.tsx';

const ICONS: Record<ReportKey, ReactNode> = {
  'purchase-summary': <ShoppingCartOutlined />,
  'stock-balance': <BarChartOutlined />,
  'stock-movements': <SwapOutlined />,
  'daily-profit-loss': <FundOutlined />,
  'income-expenditure': <FileTextOutlined />,
};

/** /reports and /reports/print */
export function ReportsPage() {
  return (
    <Plain>
      <Routes>
        <Route index element={<Reports />} />
        <Route path="print" element={<ReportPrint />} />
      </Routes>
    </Plain>
  );
}

function Reports() {
  useLang();
  const { me, can, canteenId } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [list, setList] = useState<ReportEntry[]>([]);
  const [doc, setDoc] = useState<ReportDoc | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const requestNo = useRef(0);
  const { state: downloading, download } = useDownload();

  const defaults = { canteenId, ...last30Days() };
  const filters = filtersFromSearch(params, defaults);
  const chosen = filters?.key ?? null;
  const set = (patch: Partial<ReportFilters>) => {
    const base: ReportFilters = filters ?? { key: patch.key ?? 'stock-balance', canteenId, from: defaults.from, to: defaults.to, category: null };
    setParams(searchOf({ ...base, ...patch }), { replace: true });
  };

  useEffect(() => {
    void get<ReportEntry[]>('/api/reports').then(setList).catch((e) => setError((e as Error).message));
  }, []);

  const href = filters ? reportHref(filters) : null;
  useEffect(() => {
    if (!href) return;
    const no = ++requestNo.current;
    setLoading(true);
    setError(null);
    get<ReportDoc>(href)
      .then((d) => { if (no === requestNo.current) setDoc(d); })
      .catch((e) => { if (no === requestNo.current) { setError((e as Error).message); setDoc(null); } })
      .finally(() => { if (no === requestNo.current) setLoading(false); });
  }, [href]);

  // Revenue reports only for those who may see revenue (the server refuses the others).
  const reports = list.filter((r) => !r.needsSales || can('costing.costing.read'));
  const canteens = me?.canteens ?? [];
  const shown = doc && doc.key === chosen ? doc : null;

  const exportFile = async (format: 'xlsx' | 'pdf') => {
    if (!filters || !shown) return;
    try {
      const name = await download(format, reportHref(filters, format), `${labelOf(shown.title)}.${format}`);
      if (name) message.success(t(`已下载：${name}`, `Downloaded: ${name}`));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const exportButton = (format: 'xlsx' | 'pdf', label: string, icon: ReactNode) => (
    <Button size="large" icon={icon} loading={downloading?.key === format} disabled={!shown || (!!downloading && downloading.key !== format)} onClick={() => void exportFile(format)}>
      {downloading?.key === format ? progressText(downloading) : label}
    </Button>
  );

  return (
    <Card title={<span style={{ fontSize: 20 }}>{t('报表', 'Reports')}</span>}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('第一步：选择报表', 'Step 1: choose a report')}</Typography.Title>
      <div role="radiogroup" aria-label={t('报表', 'Reports')} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', gap: 12, marginBottom: 20 }}>
        {reports.map((r) => {
          const on = r.key === chosen;
          return (
            <button key={r.key} type="button" role="radio" aria-checked={on} onClick={() => set({ key: r.key })}
              style={{ textAlign: 'left', cursor: 'pointer', padding: '14px 16px', minHeight: 108, borderRadius: 10, font: 'inherit', display: 'flex', flexDirection: 'column', justifyContent: 'flex-start',
                border: on ? '2px solid #1677ff' : '1px solid #d9d9d9', background: on ? '#e6f4ff' : '#fff', position: 'relative' }}>
              <div style={{ fontSize: 18, fontWeight: 700, color: on ? '#0958d9' : '#1f1f1f' }}>
                <span style={{ marginRight: 8 }}>{ICONS[r.key]}</span>{labelOf(r)}
              </div>
              <div style={{ fontSize: 14, color: '#595959', marginTop: 6, lineHeight: 1.5 }}>{labelOf(REPORT_HINTS[r.key])}</div>
              {on && <CheckCircleFilled style={{ position: 'absolute', top: 10, right: 10, color: '#1677ff', fontSize: 18 }} />}
            </button>
          );
        })}
      </div>

      {!filters && <Alert type="info" showIcon title={t('点上面的一张报表，就会按所选食堂和日期显示出来。', 'Press one of the reports above; it is shown for the canteen and dates you choose.')} style={{ fontSize: 16 }} />}

      {filters && (
        <>
          <Typography.Title level={5}>{t('第二步：选择食堂和日期', 'Step 2: choose the canteen and dates')}</Typography.Title>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '12px 24px', alignItems: 'center', marginBottom: 12 }}>
            <Space>
              <Typography.Text style={{ fontSize: 16 }}>{t('食堂', 'Canteen')}</Typography.Text>
              <Select size="large" aria-label={t('食堂', 'Canteen')} style={{ minWidth: 200 }} value={filters.canteenId ?? 0}
                onChange={(v: number) => set({ canteenId: v || null })}
                options={[...(canteens.length > 1 ? [{ value: 0, label: t('全部食堂', 'All canteens') }] : []), ...canteens.map((c) => ({ value: c.id, label: c.name }))]} />
            </Space>
            <Space>
              <Typography.Text style={{ fontSize: 16 }}>{t('类别', 'Category')}</Typography.Text>
              <Select size="large" allowClear aria-label={t('类别', 'Category')} placeholder={t('全部类别', 'All categories')} style={{ width: 160 }}
                value={filters.category} onChange={(v: string | undefined) => set({ category: v ?? null })} options={categoryOptions()} />
            </Space>
          </div>
          <Space align="center" wrap style={{ marginBottom: 16 }}>
            <Typography.Text style={{ fontSize: 16 }}>{t('日期', 'Dates')}</Typography.Text>
            <PeriodPicker value={filters} onChange={(p) => set(p)} />
          </Space>
          <Typography.Title level={5}>{t('第三步：查看、打印或导出', 'Step 3: read, print or export')}</Typography.Title>
          <Space wrap size={12} style={{ marginBottom: 16 }}>
            <Button size="large" type="primary" icon={<PrinterOutlined />} disabled={!shown} onClick={() => navigate(`print?${searchOf(filters)}`)}>{t('打印', 'Print')}</Button>
            {exportButton('xlsx', t('导出 Excel', 'Export Excel'), <FileExcelOutlined />)}
            {exportButton('pdf', t('导出 PDF', 'Export PDF'), <FilePdfOutlined />)}
          </Space>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16, fontSize: 16 }} />}
          <Spin spinning={loading} size="large" description={t('正在生成报表…', 'Making the report…')}>
            {shown ? <ReportBody doc={shown} /> : <div style={{ minHeight: 240 }} />}
          </Spin>
        </>
      )}
    </Card>
  );
}

function ReportBody({ doc }: { doc: ReportDoc }) {
  const total = (k: string) => (typeof doc.totalsRow?.[k] === 'number' ? (doc.totalsRow[k] as number) : 0);
  const lossDays = doc.key === 'daily-profit-loss' ? doc.rows.filter((r) => typeof r.profitFen === 'number' && r.profitFen < 0).length : 0;
  return (
    <div>
      <div style={{ textAlign: 'center', marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{labelOf(doc.title)}</Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 15 }}>{doc.subtitle}　{rowsText(doc.rows.length)}</Typography.Text>
      </div>
      {doc.key === 'daily-profit-loss' && doc.rows.length > 0 && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 8 }}>
            <Col xs={12} md={6}><Statistic title={t('收入合计', 'Revenue')} value={yuanText(total('revenueFen'))} /></Col>
            <Col xs={12} md={6}><Statistic title={t('食材成本合计', 'Cost of food')} value={yuanText(total('costFen'))} /></Col>
            <Col xs={12} md={6}><Statistic title={t('盈亏', 'Profit or loss')} value={yuanText(total('profitFen'))} styles={{ content: { color: total('profitFen') < 0 ? '#cf1322' : '#2e8b57' } }} /></Col>
            <Col xs={12} md={6}><Statistic title={t('亏损天数', 'Loss days')} value={lossDays} suffix={t('天', lossDays === 1 ? 'day' : 'days')} styles={{ content: { color: lossDays ? '#cf1322' : undefined } }} /></Col>
          </Row>
          <Chart label={t('每日收入与食材成本', 'Daily revenue and cost of food')} option={profitLossOption(doc.rows)} height={320} />
        </>
      )}
      {doc.key === 'stock-balance' && topClosingCount(doc.rows) > 0 && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 8 }}>
            <Col xs={12} md={6}><Statistic title={t('期初金额', 'Opening value')} value={yuanText(total('openingFen'))} /></Col>
            <Col xs={12} md={6}><Statistic title={t('本期收入金额', 'In')} value={yuanText(total('inFen'))} /></Col>
            <Col xs={12} md={6}><Statistic title={t('本期发出金额', 'Out')} value={yuanText(total('outFen'))} /></Col>
            <Col xs={12} md={6}><Statistic title={t('期末金额', 'Closing value')} value={yuanText(total('closingFen'))} /></Col>
          </Row>
          <Typography.Title level={5}>{t('期末金额最多的 10 种食材', 'The 10 ingredients with the highest closing value')}</Typography.Title>
          <Chart label={t('期末金额前十的食材', 'Top 10 ingredients by closing value')} option={topClosingOption(doc.rows)} height={40 + topClosingCount(doc.rows) * 34} />
        </>
      )}
      <ReportTable doc={doc} height={Math.max(360, window.innerHeight - 260)} />
      {doc.footnote && <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 14 }}>{t('说明', 'Note')}：{doc.footnote}</Typography.Paragraph>}
    </div>
  );
}
