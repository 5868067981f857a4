import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Grid, Input, Modal, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { post } from '../../api.ts';
import { t } from '../../i18n.ts';
import { dateTime } from '../ingredient/shared.tsx';
import { GAIN, LOSS, signedKg, signedYuan, varianceColor, type CountLine, type CountSheet } from './CountModel.ts';
import { kg3, nameOf, postingErrorText } from './shared.tsx';

const SEND_BACK_REASONS = [
  { zh: '差异较大，请复盘', en: 'Large differences: count again' },
  { zh: '有批次可能漏盘', en: 'Some batches may have been missed' },
  { zh: '请核对称重', en: 'Check the weighing' },
];

/** Gains, losses and their sum in yuan. */
export function countTotals(lines: CountLine[]) {
  const gain = lines.reduce((s, l) => s + Math.max(0, l.varianceFen ?? 0), 0);
  const loss = lines.reduce((s, l) => s + Math.min(0, l.varianceFen ?? 0), 0);
  return { gain, loss, net: gain + loss, differing: lines.filter((l) => (l.varianceG ?? 0) !== 0).length };
}

/**
 * A counted sheet: every batch with book, counted and the difference, gains green and losses red.
 * The canteen head (not the one who counted) approves it — the differences are then posted to
 * stock — or sends it back with a reason.
 */
export function CountReview({ sheet, canDecide, onSheet }: { sheet: CountSheet; canDecide: boolean; onSheet: (s: CountSheet) => void }) {
  const { message } = App.useApp();
  const narrow = !Grid.useBreakpoint().sm;
  const totals = countTotals(sheet.lines);
  const [onlyDiff, setOnlyDiff] = useState(totals.differing > 0);
  const [dialog, setDialog] = useState<'approve' | 'reject' | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lines = onlyDiff ? sheet.lines.filter((l) => (l.varianceG ?? 0) !== 0) : sheet.lines;

  const decide = async (what: 'approve' | 'reject') => {
    setBusy(true);
    setError(null);
    try {
      onSheet(await post<CountSheet>(`/api/stock/counts/${sheet.id}/${what}`, { comment: comment.trim() }));
      message.success(what === 'approve' ? t('已审核通过，库存已按差异调整', 'Approved; stock now matches the count') : t('已退回，仓管员会重新盘点', 'Sent back for a recount'));
      setDialog(null);
      setComment('');
    } catch (e) {
      setError(postingErrorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Row gutter={[16, 16]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Statistic title={t('有差异的批次', 'Batches that differ')} value={totals.differing} suffix={`/ ${sheet.lines.length}`} /></Col>
        <Col xs={12} md={6}><Statistic title={t('盘盈金额', 'Gains')} value={signedYuan(totals.gain)} styles={{ content: { color: totals.gain ? GAIN : undefined } }} /></Col>
        <Col xs={12} md={6}><Statistic title={t('盘亏金额', 'Losses')} value={signedYuan(totals.loss)} styles={{ content: { color: totals.loss ? LOSS : undefined } }} /></Col>
        <Col xs={12} md={6}><Statistic title={t('净差异', 'Net difference')} value={signedYuan(totals.net)} styles={{ content: { color: varianceColor(totals.net), fontWeight: 700 } }} /></Col>
      </Row>
      {canDecide && (
        <div style={{ marginBottom: 16 }}>
          <Alert type="warning" showIcon style={{ marginBottom: 10, fontSize: 16 }}
            title={t('请核对差异：通过后库存按实盘数调整（盘盈入库、盘亏出库）；有疑问就退回重盘。', 'Check the differences: approving sets stock to the counted quantities (gains in, losses out); if in doubt, send it back.')} />
          <div style={{ display: 'flex', gap: 12, flexDirection: narrow ? 'column' : 'row' }}>
            <Button size="large" type="primary" icon={<CheckOutlined />} style={{ minHeight: 52, fontSize: 18 }} onClick={() => { setError(null); setDialog('approve'); }}>{t('审核通过', 'Approve')}</Button>
            <Button size="large" danger icon={<RollbackOutlined />} style={{ minHeight: 52, fontSize: 18 }} onClick={() => { setError(null); setDialog('reject'); }}>{t('退回重盘', 'Send back')}</Button>
          </div>
        </div>
      )}
      <Segmented size="large" style={{ marginBottom: 12 }} value={onlyDiff ? 'diff' : 'all'} onChange={(v) => setOnlyDiff(v === 'diff')} options={[
        { value: 'diff', label: t(`只看有差异（${totals.differing}）`, `Differences only (${totals.differing})`) },
        { value: 'all', label: t(`全部（${sheet.lines.length}）`, `All (${sheet.lines.length})`) },
      ]} />
      {narrow ? <LineList lines={lines} /> : (
        <Table<CountLine> rowKey="batchId" dataSource={lines} size="middle" pagination={lines.length > 100 ? { pageSize: 100, showSizeChanger: false } : false} scroll={{ x: 760 }}
          locale={{ emptyText: t('所有批次都与账面一致', 'Every batch matches the book') }}
          rowClassName={(l) => ((l.varianceG ?? 0) < 0 ? 'count-loss-row' : (l.varianceG ?? 0) > 0 ? 'count-gain-row' : '')}
          columns={[
            { title: t('食材', 'Ingredient'), render: (_, l) => <div><Typography.Text strong style={{ fontSize: 16 }}>{nameOf(l)}</Typography.Text><div style={{ fontSize: 13, color: '#888' }}>#{l.batchId} · {t('保质期至', 'best before')} {l.bestBefore}</div></div> },
            { title: t('账面', 'Book'), dataIndex: 'bookG', width: 140, align: 'right', render: (v: number) => kg3(v) },
            { title: t('实盘', 'Counted'), dataIndex: 'countedG', width: 140, align: 'right', render: (v: number | null) => (v === null ? <Tag>{t('未录', 'Not counted')}</Tag> : <b>{kg3(v)}</b>) },
            { title: t('差异', 'Difference'), dataIndex: 'varianceG', width: 150, align: 'right', render: (v: number | null) => (v === null ? '—' : <b style={{ color: varianceColor(v) }}>{signedKg(v)}</b>) },
            { title: t('差异金额', 'Value'), dataIndex: 'varianceFen', width: 130, align: 'right', render: (v: number | null) => (v === null || v === 0 ? '—' : <b style={{ color: varianceColor(v) }}>{signedYuan(v)}</b>) },
          ]} />
      )}
      <style>{'.count-loss-row > td { background: #fff1f0 !important; } .count-gain-row > td { background: #f6ffed !important; }'}</style>
      {sheet.status === 'approved' && sheet.docId && (
        <Typography.Paragraph style={{ marginTop: 12, fontSize: 16 }}>
          <Link to={`/stock/docs?doc=${sheet.docId}`}>{t('查看盘盈盘亏的出入库单', 'Open the stock document of the gains and losses')}</Link>
        </Typography.Paragraph>
      )}

      <Modal open={dialog === 'approve'} title={t('审核通过', 'Approve the count')} onCancel={() => setDialog(null)} okText={t('确认通过并调整库存', 'Approve and adjust stock')}
        cancelText={t('取消', 'Cancel')} okButtonProps={{ size: 'large', loading: busy }} cancelButtonProps={{ size: 'large' }} onOk={() => void decide('approve')}>
        <Typography.Paragraph style={{ fontSize: 16 }}>
          {totals.differing
            ? t(`将调整 ${totals.differing} 个批次：盘盈 ${signedYuan(totals.gain)}，盘亏 ${signedYuan(totals.loss)}，净 ${signedYuan(totals.net)}。`, `${totals.differing} batches will be adjusted: gains ${signedYuan(totals.gain)}, losses ${signedYuan(totals.loss)}, net ${signedYuan(totals.net)}.`)
            : t('全部与账面一致，库存不变。', 'Everything matches the book; stock stays as it is.')}
        </Typography.Paragraph>
        <Input.TextArea rows={2} maxLength={500} placeholder={t('审核意见（可不填）', 'Comment (optional)')} value={comment} onChange={(e) => setComment(e.target.value)} />
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Modal>
      <Modal open={dialog === 'reject'} title={t('退回重盘', 'Send back for a recount')} onCancel={() => setDialog(null)} okText={t('退回', 'Send back')} okButtonProps={{ size: 'large', danger: true, loading: busy, disabled: !comment.trim() }}
        cancelText={t('取消', 'Cancel')} cancelButtonProps={{ size: 'large' }} onOk={() => void decide('reject')}>
        <Typography.Paragraph style={{ fontSize: 16 }}>{t('请写明退回原因，仓管员会看到：', 'Say why; the storekeeper will see it:')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 8 }}>
          {SEND_BACK_REASONS.map((r) => <Button key={r.zh} onClick={() => setComment(t(r.zh, r.en))}>{t(r.zh, r.en)}</Button>)}
        </Space>
        <Input.TextArea rows={3} maxLength={500} aria-label={t('退回原因', 'Reason')} placeholder={t('退回原因（必填）', 'Reason (required)')} value={comment} onChange={(e) => setComment(e.target.value)} />
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Modal>
    </div>
  );
}

/** The lines as a list for a phone: what the book said, what was counted, and the difference. */
function LineList({ lines }: { lines: CountLine[] }) {
  if (!lines.length) return <Typography.Paragraph type="secondary" style={{ fontSize: 16, textAlign: 'center' }}>{t('所有批次都与账面一致', 'Every batch matches the book')}</Typography.Paragraph>;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {lines.map((l) => {
        const v = l.varianceG ?? 0;
        return (
          <div key={l.batchId} style={{ border: '1px solid #e8e8e8', borderRadius: 10, padding: '10px 12px', background: v < 0 ? '#fff1f0' : v > 0 ? '#f6ffed' : '#fff' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between' }}>
              <Typography.Text strong style={{ fontSize: 17 }}>{nameOf(l)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>#{l.batchId}</Typography.Text>
            </div>
            <div style={{ fontSize: 15 }}>{t('账面', 'Book')} {kg3(l.bookG)} → {t('实盘', 'counted')} <b>{l.countedG === null ? '—' : kg3(l.countedG)}</b></div>
            {l.varianceG !== null && (
              <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 16, fontWeight: 700, color: varianceColor(v) }}>
                <span>{signedKg(v)}</span><span>{l.varianceFen ? signedYuan(l.varianceFen) : ''}</span>
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** Who counted and who decided, in one line each. */
export function countPeople(s: CountSheet) {
  return [
    `${t('盘点人', 'Counted by')}：${s.createdByName ?? '—'}　${t('开始', 'Started')} ${dateTime(s.createdAt)}`,
    s.submittedAt ? `${t('提交', 'Submitted')} ${dateTime(s.submittedAt)}` : '',
    s.decidedAt ? `${t('审核人', 'Decided by')}：${s.decidedByName ?? '—'}　${dateTime(s.decidedAt)}` : '',
  ].filter(Boolean);
}
