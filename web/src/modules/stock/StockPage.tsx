import { ExportOutlined, FileProtectOutlined, HistoryOutlined, RollbackOutlined, SwapOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { get, yuan } from '../../api.ts';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { categoryLabel, categoryOptions, Plain } from '../ingredient/shared.tsx';
import { BatchOutModal } from './BatchOutModal.tsx';
import { BatchTable, BestBefore } from './BatchTable.tsx';
import { IssueModal } from './IssueModal.tsx';
import { kg3, nameOf, unitApprox } from './shared.tsx';
import { RequiredDocumentsModal } from './RequiredDocumentsModal.tsx';
import { TransferModal } from './TransferModal.tsx';
import type { StockRow } from './types.ts';

type Dialog = { kind: 'issue' } | { kind: 'transfer' } | { kind: 'return' | 'write_off'; batchId?: number };
type Filter = 'all' | 'stocked' | 'attention';

const needsAttention = (r: StockRow) => r.belowMin || r.aboveMax || r.expiredG > 0 || r.expiringG > 0;

/** The warnings of one ingredient, as tags in plain words. */
export function stockWarnings(r: StockRow) {
  return (
    <Space size={4} wrap>
      {r.expiredG > 0 && <Tag color="error">{t(`已过期 ${kg3(r.expiredG)}`, `Expired ${kg3(r.expiredG)}`)}</Tag>}
      {r.expiringG > 0 && <Tag color="warning">{t(`临期 ${kg3(r.expiringG)}`, `Expiring ${kg3(r.expiringG)}`)}</Tag>}
      {r.belowMin && <Tag color="orange">{t('低于下限', 'Below minimum')}</Tag>}
      {r.aboveMax && <Tag color="purple">{t('超上限', 'Above maximum')}</Tag>}
    </Space>
  );
}

/** /stock: what is on hand in the current canteen, with its batches, and the ways stock goes out. */
export function StockPage() {
  const { can, canteenId, me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [rows, setRows] = useState<StockRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [filter, setFilter] = useState<Filter>('stocked');
  const [requiredDocs, setRequiredDocs] = useState(false);
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [version, setVersion] = useState(0);
  const canteenName = me?.canteens.find((c) => c.id === canteenId)?.name;

  const load = async () => {
    if (!canteenId) return;
    setLoading(true);
    try {
      setRows(await get<StockRow[]>(`/api/stock?canteenId=${canteenId}`));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void load(); }, [canteenId]);

  if (!canteenId) return <Alert type="info" showIcon title={t('请先在右上角选择食堂', 'Choose a canteen at the top right first')} />;

  const needle = search.trim().toLowerCase();
  const shown = rows.filter((r) => (filter === 'all' || (filter === 'stocked' ? r.qtyG > 0 : needsAttention(r)))
    && (!category || r.category === category)
    && (!needle || `${r.name} ${r.nameEn} ${r.code}`.toLowerCase().includes(needle)));
  const stocked = rows.filter((r) => r.qtyG > 0);
  const attention = rows.filter(needsAttention);
  const value = rows.reduce((s, r) => s + r.valueFen, 0);
  const posted = () => { setDialog(null); setVersion((v) => v + 1); void load(); };
  const adjust = can('stock.adjust.write');

  return (
    <Plain>
      <Card title={t(`库存${canteenName ? ` · ${canteenName}` : ''}`, `Stock${canteenName ? ` · ${canteenName}` : ''}`)}
        extra={<Space>
          {can('stock.settings.write') && <Button icon={<FileProtectOutlined />} onClick={() => setRequiredDocs(true)}>{t('验收必备单据', 'Required documents')}</Button>}
          <Button icon={<HistoryOutlined />} onClick={() => navigate('/stock/docs')}>{t('出入库记录', 'Stock documents')}</Button>
        </Space>}>
        {requiredDocs && <RequiredDocumentsModal canteenId={canteenId} onClose={() => setRequiredDocs(false)} />}
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}><Statistic title={t('库存金额', 'Stock value')} value={yuan(value)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('有库存的食材', 'Ingredients in stock')} value={stocked.length} suffix={t('种', '')} /></Col>
          <Col xs={12} md={6}><Statistic title={t('需要处理', 'Need attention')} value={attention.length} suffix={t('种', '')} styles={{ content: { color: attention.length ? '#cf1322' : undefined } }} /></Col>
        </Row>
        <Space wrap size="middle" style={{ marginBottom: 16 }}>
          {can('stock.issue.write') && <Button size="large" type="primary" icon={<ExportOutlined />} onClick={() => setDialog({ kind: 'issue' })}>{t('领用出库', 'Issue to kitchen')}</Button>}
          {adjust && <Button size="large" icon={<SwapOutlined />} onClick={() => setDialog({ kind: 'transfer' })}>{t('调拨', 'Transfer')}</Button>}
          {adjust && <Button size="large" icon={<RollbackOutlined />} onClick={() => setDialog({ kind: 'return' })}>{t('退货', 'Return')}</Button>}
          {adjust && <Button size="large" danger icon={<WarningOutlined />} onClick={() => setDialog({ kind: 'write_off' })}>{t('报损', 'Write off')}</Button>}
        </Space>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: 16, alignItems: 'center' }}>
          <Segmented<Filter> value={filter} onChange={setFilter} options={[
            { value: 'stocked', label: t(`有库存（${stocked.length}）`, `In stock (${stocked.length})`) },
            { value: 'attention', label: t(`需要处理（${attention.length}）`, `Need attention (${attention.length})`) },
            { value: 'all', label: t('全部', 'All') },
          ]} />
          <Select allowClear aria-label={t('类别', 'Category')} placeholder={t('全部类别', 'All categories')} value={category} onChange={setCategory} options={categoryOptions()} style={{ width: 160 }} />
          <Input.Search allowClear placeholder={t('查找食材', 'Find an ingredient')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 260 }} />
        </div>
        <Table<StockRow> rowKey="ingredientId" loading={loading} dataSource={shown} pagination={{ pageSize: 50, showSizeChanger: false }} scroll={{ x: 1000 }}
          locale={{ emptyText: rows.length || filter !== 'stocked' ? t('没有符合条件的食材', 'Nothing matches') : t('还没有库存。送货到了，请在「验收入库」过秤验收。', 'No stock yet. When a delivery comes, receive it on the receiving page.') }}
          expandable={{
            rowExpandable: (r) => r.batches > 0,
            expandedRowRender: (r) => (
              <BatchTable key={`${r.ingredientId}-${version}`} canteenId={canteenId} ingredientId={r.ingredientId}
                onReturn={adjust ? (b) => setDialog({ kind: 'return', batchId: b.id }) : undefined}
                onWriteOff={adjust ? (b) => setDialog({ kind: 'write_off', batchId: b.id }) : undefined} />
            ),
          }}
          columns={[
            { title: t('食材', 'Ingredient'), width: 180, render: (_, r) => <div><Typography.Text strong>{nameOf(r)}</Typography.Text><div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{r.code}</Typography.Text></div></div> },
            { title: t('类别', 'Category'), dataIndex: 'category', width: 90, render: categoryLabel },
            { title: t('库存', 'On hand'), width: 170, align: 'right', render: (_, r) => (
              <div style={{ whiteSpace: 'nowrap' }} aria-label={t(`${r.name} 库存`, `${nameOf(r)} on hand`)}>
                <Typography.Text strong style={{ fontSize: 17 }}>{kg3(r.qtyG)}</Typography.Text>
                <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{unitApprox(r.qtyG, r.purchaseUnit, r.gramsPerUnit)}</Typography.Text></div>
              </div>
            ) },
            { title: t('金额', 'Value'), dataIndex: 'valueFen', width: 120, align: 'right', render: (v) => yuan(v) },
            { title: t('批次', 'Batches'), dataIndex: 'batches', width: 80, align: 'right' },
            { title: t('最早到期', 'First best-before'), dataIndex: 'firstBestBefore', width: 130, render: (v) => <BestBefore date={v} plain /> },
            { title: t('提醒', 'Warnings'), width: 230, render: (_, r) => (
              <div>
                {stockWarnings(r)}
                {r.minG != null && <div style={{ fontSize: 13, color: '#888' }}>{t('下限', 'min')} {kg3(r.minG)}{r.maxG ? ` · ${t('上限', 'max')} ${kg3(r.maxG)}` : ''}</div>}
              </div>
            ) },
          ]} />
      </Card>
      {dialog?.kind === 'issue' && <IssueModal canteenId={canteenId} stock={rows} onClose={() => setDialog(null)} onPosted={posted} />}
      {dialog?.kind === 'transfer' && <TransferModal canteenId={canteenId} stock={rows} onClose={() => setDialog(null)} onPosted={posted} />}
      {(dialog?.kind === 'return' || dialog?.kind === 'write_off') && (
        <BatchOutModal kind={dialog.kind} canteenId={canteenId} batchId={dialog.batchId} onClose={() => setDialog(null)} onPosted={posted} />
      )}
    </Plain>
  );
}
