import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Modal, Segmented, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router-dom';
import { ApiError, get, post, yuan } from '../../api.ts';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { DateInput, dateTime, Plain } from '../ingredient/shared.tsx';
import { RequisitionDetail } from './RequisitionDetail.tsx';
import { RequisitionPrint } from './RequisitionPrint.tsx';
import { rangeText, STATUSES, statusTag } from './status.tsx';

interface Row { id: number; no: string; canteenName: string; dateFrom: string; dateTo: string; status: string; totalFen: number; createdByName: string | null; createdAt: string; lines: number }

/** /requisitions, /requisitions/:id, /requisitions/:id/print */
export function RequisitionsPage() {
  return (
    <Plain>
      <Routes>
        <Route index element={<RequisitionList />} />
        <Route path=":id" element={<RequisitionDetail />} />
        <Route path=":id/print" element={<RequisitionPrint />} />
      </Routes>
    </Plain>
  );
}

function RequisitionList() {
  const { can, canteenId, me } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [rows, setRows] = useState<Row[]>([]);
  const [status, setStatus] = useState('');
  const [loading, setLoading] = useState(false);
  const [generating, setGenerating] = useState(false);
  const canteenName = me?.canteens.find((c) => c.id === canteenId)?.name;
  const load = async () => {
    setLoading(true);
    try {
      const q = new URLSearchParams();
      if (canteenId) q.set('canteenId', String(canteenId));
      if (status) q.set('status', status);
      setRows(await get<Row[]>(`/api/requisitions?${q}`));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void load(); }, [canteenId, status]);
  const waiting = can('requisition.requisition.approve') ? rows.filter((r) => r.status === 'submitted').length : 0;
  return (
    <Card title={t(`请购单${canteenName ? ` · ${canteenName}` : ''}`, `Requisitions${canteenName ? ` · ${canteenName}` : ''}`)}
      extra={can('requisition.requisition.write') && canteenId && (
        <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setGenerating(true)}>{t('生成请购单', 'Generate requisition')}</Button>
      )}>
      {waiting > 0 && !status && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t(`有 ${waiting} 张请购单等待您审核`, `${waiting} requisitions are waiting for your decision`)}
          action={<Button onClick={() => setStatus('submitted')}>{t('只看待审核', 'Show them')}</Button>} />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('状态', 'Status')}</Typography.Text>
        <Segmented value={status} onChange={(v) => setStatus(String(v))}
          options={[{ value: '', label: t('全部', 'All') }, ...STATUSES.map((s) => ({ value: s.value, label: t(s.zh, s.en) }))]} />
      </Space>
      <Table rowKey="id" loading={loading} dataSource={rows} pagination={{ pageSize: 30, showSizeChanger: false }}
        onRow={(r) => ({ onDoubleClick: () => navigate(String(r.id)) })}
        columns={[
          { title: t('单号', 'Number'), dataIndex: 'no', render: (v, r) => <Link to={String(r.id)}>{v}</Link> },
          { title: t('食堂', 'Canteen'), dataIndex: 'canteenName' },
          { title: t('用料日期', 'For dates'), render: (_, r) => rangeText(r.dateFrom, r.dateTo) },
          { title: t('状态', 'Status'), dataIndex: 'status', render: statusTag },
          { title: t('食材数', 'Lines'), dataIndex: 'lines', align: 'right' },
          { title: t('金额', 'Amount'), dataIndex: 'totalFen', align: 'right', render: (v) => yuan(Number(v)) },
          { title: t('制单人', 'Made by'), dataIndex: 'createdByName' },
          { title: t('生成时间', 'Created'), dataIndex: 'createdAt', render: dateTime },
          { title: '', render: (_, r) => <Button size="small" onClick={() => navigate(String(r.id))}>{t('查看', 'Open')}</Button> },
        ]} />
      {generating && canteenId && <GenerateModal canteenId={canteenId} canteenName={canteenName ?? ''} onClose={() => setGenerating(false)} onCreated={(id) => navigate(String(id))} />}
    </Card>
  );
}

function GenerateModal({ canteenId, canteenName, onClose, onCreated }: { canteenId: number; canteenName: string; onClose: () => void; onCreated: (id: number) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; links: { id: number; no: string }[] } | null>(null);
  const tomorrow = dayjs().add(1, 'day');
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const from = v.from as Dayjs;
    const to = v.to as Dayjs;
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ id: number; lines: unknown[] }>('/api/requisitions/generate', { canteenId, from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
      message.success(t(`已生成请购单，共 ${r.lines.length} 种食材`, `Requisition generated with ${r.lines.length} ingredients`));
      onCreated(r.id);
    } catch (e) {
      const links = e instanceof ApiError && e.code === 'requisition_overlap' ? ((e.details as { requisitions?: { id: number; no: string }[] })?.requisitions ?? []) : [];
      setError({ text: (e as Error).message, links });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open width={600} title={t('生成请购单', 'Generate requisition')} onCancel={onClose}
      footer={(
        <Space>
          <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
          <Button type="primary" loading={busy} onClick={submit}>{t('生成', 'Generate')}</Button>
        </Space>
      )}>
      <Typography.Paragraph type="secondary">
        {t(`按 ${canteenName} 所选日期内已发布的菜品计划，计算各食材需用量，扣除库存后按采购单位取整，并按报价计算金额。`,
          `From the published menu plans of ${canteenName} on these dates: what each ingredient needs, less stock, rounded up to purchase units and priced from the quotes.`)}
      </Typography.Paragraph>
      {error && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error.text}
          description={error.links.length > 0 && <Space wrap>{error.links.map((l) => <Link key={l.id} to={`/requisitions/${l.id}`}>{t('打开', 'Open')} {l.no}</Link>)}</Space>} />
      )}
      <Form form={form} layout="vertical" initialValues={{ from: tomorrow, to: tomorrow }}
        onValuesChange={(changed: { from?: Dayjs }) => {
          const to = form.getFieldValue('to') as Dayjs | undefined;
          if (changed.from && (!to || to.isBefore(changed.from, 'day'))) form.setFieldValue('to', changed.from);
          setError(null);
          void form.validateFields(['to']).catch(() => undefined);
        }}>
        {/* Dates on the left, quick choices on the right: an open calendar never covers the buttons below. */}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'flex-start' }}>
          <div style={{ width: 240 }}>
            <Form.Item name="from" label={t('开始日期', 'From')} rules={[{ required: true, message: t('请选择开始日期', 'Choose the first day') }]}>
              <DateInput style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="to" label={t('结束日期', 'To')} dependencies={['from']} rules={[{ required: true, message: t('请选择结束日期', 'Choose the last day') }, ({ getFieldValue }) => ({
              validator: (_, v?: Dayjs) => {
                const from = getFieldValue('from') as Dayjs | undefined;
                if (!v || !from) return Promise.resolve();
                if (v.isBefore(from, 'day')) return Promise.reject(new Error(t('结束日期早于开始日期', 'Ends before it starts')));
                if (v.diff(from, 'day') > 30) return Promise.reject(new Error(t('一张请购单最多覆盖 31 天', 'At most 31 days per requisition')));
                return Promise.resolve();
              },
            })]}>
              <DateInput style={{ width: '100%' }} />
            </Form.Item>
          </div>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8, paddingTop: 30 }}>
            <Typography.Text type="secondary">{t('快速选择', 'Quick choice')}</Typography.Text>
            <Button onClick={() => form.setFieldsValue({ from: tomorrow, to: tomorrow })}>{t('明天', 'Tomorrow')}</Button>
            <Button onClick={() => form.setFieldsValue({ from: dayjs(), to: dayjs() })}>{t('今天', 'Today')}</Button>
            <Button onClick={() => form.setFieldsValue({ from: tomorrow, to: tomorrow.add(6, 'day') })}>{t('未来 7 天', 'Next 7 days')}</Button>
          </div>
        </div>
      </Form>
    </Modal>
  );
}
