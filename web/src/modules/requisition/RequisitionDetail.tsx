import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { get, post, put, yuan } from '../../api.ts';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import type { Ingredient } from '../ingredient/IngredientsPage.tsx';
import { categoryLabel, dateTime, kgText, unitLabel } from '../ingredient/shared.tsx';
import { rangeText, statusTag } from './status.tsx';

export interface Line {
  id: number; ingredientId: number; code: string; name: string; category: string; needG: number; onHandG: number; purchaseUnit: string; gramsPerUnit: number;
  suggestedQty: number; qty: number; unitPriceFen: number | null; amountFen: number; supplierName: string | null; note: string;
}
export interface Requisition {
  id: number; orgId: number; no: string; canteenName: string; dateFrom: string; dateTo: string; status: 'draft' | 'submitted' | 'approved' | 'rejected';
  totalFen: number; note: string; createdBy: number; createdByName: string | null; createdAt: string; submittedAt: string | null;
  decidedByName: string | null; decidedAt: string | null; decisionComment: string | null; lines: Line[];
}
type Edit = { qty: number | null; note: string };

export function RequisitionDetail() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { can, me } = useSession();
  const { message } = App.useApp();
  const [req, setReq] = useState<Requisition | null>(null);
  const [edits, setEdits] = useState<Map<number, Edit>>(new Map());
  const [added, setAdded] = useState<Ingredient[]>([]);
  const [note, setNote] = useState('');
  const [comment, setComment] = useState('');
  const [ingredients, setIngredients] = useState<Ingredient[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);

  const show = (r: Requisition) => {
    setReq(r);
    setEdits(new Map(r.lines.map((l) => [l.ingredientId, { qty: l.qty, note: l.note }])));
    setAdded([]);
    setNote(r.note ?? '');
  };
  useEffect(() => {
    void get<Requisition>(`/api/requisitions/${id}`).then(show).catch((e) => setLoadError((e as Error).message));
  }, [id]);

  const writer = can('requisition.requisition.write');
  const approver = can('requisition.requisition.approve');
  const editable = !!req && writer && (req.status === 'draft' || req.status === 'rejected');
  useEffect(() => {
    if (editable && !ingredients.length) void get<Ingredient[]>('/api/ingredients').then(setIngredients).catch(() => undefined);
  }, [editable]);

  const dirty = useMemo(() => {
    if (!req) return false;
    if (added.length || note !== (req.note ?? '')) return true;
    return req.lines.some((l) => { const e = edits.get(l.ingredientId); return e && (e.qty !== l.qty || e.note !== l.note); });
  }, [req, edits, added, note]);

  if (loadError) return <Alert type="error" showIcon title={loadError} action={<Button onClick={() => navigate('/requisitions')}>{t('返回列表', 'Back to the list')}</Button>} />;
  if (!req) return <Spin size="large" style={{ display: 'block', marginTop: 80 }} />;

  const own = me?.user.id === req.createdBy;
  const qtyOf = (l: { ingredientId: number; qty: number }) => edits.get(l.ingredientId)?.qty ?? l.qty;
  const setEdit = (ingredientId: number, patch: Partial<Edit>) => {
    const next = new Map(edits);
    next.set(ingredientId, { qty: 0, note: '', ...next.get(ingredientId), ...patch });
    setEdits(next);
  };
  type ViewLine = Line & { isNew?: boolean };
  const lines: ViewLine[] = [
    ...req.lines,
    ...added.map((i) => ({ id: -i.id, ingredientId: i.id, code: i.code, name: i.name, category: i.category, needG: 0, onHandG: 0, purchaseUnit: i.purchaseUnit, gramsPerUnit: i.gramsPerUnit,
      suggestedQty: 0, qty: 0, unitPriceFen: null, amountFen: 0, supplierName: null, note: '', isNew: true })),
  ];
  const amount = (l: ViewLine) => (l.unitPriceFen == null ? 0 : l.unitPriceFen * (qtyOf(l) ?? 0));
  const total = lines.reduce((s, l) => s + amount(l), 0);
  const unpriced = lines.filter((l) => l.unitPriceFen == null && (qtyOf(l) ?? 0) > 0).length;

  const body = () => ({
    note,
    lines: lines.map((l) => ({ ingredientId: l.ingredientId, qty: qtyOf(l) ?? 0, note: edits.get(l.ingredientId)?.note ?? '' })),
  });
  const act = async (what: string, fn: () => Promise<Requisition>, done: string) => {
    setBusy(what);
    setError(null);
    try {
      show(await fn());
      message.success(done);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(null);
    }
  };
  const saveLines = () => act('save', () => put<Requisition>(`/api/requisitions/${req.id}/lines`, body()), t('已保存', 'Saved'));
  const submit = () => act('submit', async () => {
    if (dirty || req.status === 'rejected') await put(`/api/requisitions/${req.id}/lines`, body());
    return post<Requisition>(`/api/requisitions/${req.id}/submit`);
  }, t('已提交审核', 'Submitted for approval'));
  const approve = () => act('approve', () => post<Requisition>(`/api/requisitions/${req.id}/approve`, { comment }), t('已审核通过', 'Approved'));

  const step = { draft: 0, rejected: 0, submitted: 1, approved: 2 }[req.status];
  const hint = req.status === 'approved' ? t('已审核通过，可以打印交采购。', 'Approved: print it for purchasing.')
    : req.status === 'submitted' ? (approver && !own ? t('请核对后点击「审核通过」或「退回」。', 'Check it, then approve or send it back.') : t('已提交，等待食堂负责人审核。', 'Submitted; waiting for the canteen head.'))
      : writer ? t('核对采购数量，必要时修改，然后点击「提交审核」。', 'Check the quantities, change them if needed, then submit for approval.')
        : t('草稿，厨师长尚未提交。', 'Draft; not yet submitted by the chef.');
  const ingOptions = ingredients.filter((i) => i.active && !lines.some((l) => l.ingredientId === i.id))
    .map((i) => ({ value: i.id, label: `${i.name}（${i.code}）`, search: `${i.name} ${i.code}`.toLowerCase() }));

  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/requisitions')}>{t('返回列表', 'Back to the list')}</Button>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('请购单', 'Requisition')} {req.no}</Typography.Title>
        {statusTag(req.status)}
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Steps current={step} status={req.status === 'rejected' ? 'error' : undefined} style={{ marginBottom: 20 }} items={[
          { title: req.status === 'rejected' ? t('已退回，待修改', 'Sent back') : t('草稿', 'Draft') },
          { title: t('待审核', 'Submitted') },
          { title: t('已通过', 'Approved') },
        ]} />
        <Descriptions column={{ xs: 1, md: 2, xl: 4 }} items={[
          { key: 'c', label: t('食堂', 'Canteen'), children: req.canteenName },
          { key: 'd', label: t('用料日期', 'For dates'), children: rangeText(req.dateFrom, req.dateTo) },
          { key: 'b', label: t('制单人', 'Made by'), children: req.createdByName ?? '—' },
          { key: 't', label: t('生成时间', 'Created'), children: dateTime(req.createdAt) },
          { key: 'n', label: t('食材数', 'Lines'), children: lines.length },
          { key: 'a', label: t('合计金额', 'Total'), children: <Typography.Text strong style={{ fontSize: 18 }}>{yuan(total)}</Typography.Text> },
          { key: 's', label: t('提交时间', 'Submitted'), children: dateTime(req.submittedAt) },
        ]} />
        <Alert type="info" showIcon title={hint} style={{ marginTop: 8 }} />
        {req.status === 'approved' && (
          <Alert type="success" showIcon style={{ marginTop: 12 }} title={t(`审核通过：${req.decidedByName ?? ''}，${dateTime(req.decidedAt)}`, `Approved by ${req.decidedByName ?? ''} on ${dateTime(req.decidedAt)}`)}
            description={req.decisionComment ? t(`审核意见：${req.decisionComment}`, `Comment: ${req.decisionComment}`) : undefined} />
        )}
        {req.status === 'rejected' && (
          <Alert type="error" showIcon style={{ marginTop: 12 }} title={t(`已退回：${req.decidedByName ?? ''}，${dateTime(req.decidedAt)}`, `Sent back by ${req.decidedByName ?? ''} on ${dateTime(req.decidedAt)}`)}
            description={t(`退回原因：${req.decisionComment ?? ''}`, `Reason: ${req.decisionComment ?? ''}`)} />
        )}
      </Card>
      {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} style={{ marginBottom: 16 }} />}
      <Card title={t('采购明细', 'Lines')} style={{ marginBottom: 16 }}
        extra={unpriced > 0 && <Tag color="warning">{t(`${unpriced} 种食材没有报价，金额未计入`, `${unpriced} lines have no quote and are not in the total`)}</Tag>}>
        <Table rowKey="ingredientId" dataSource={lines} pagination={false} size="middle" scroll={{ x: 1200 }}
          summary={() => (
            <Table.Summary fixed>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={7}><Typography.Text strong>{t('合计', 'Total')}</Typography.Text></Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right"><Typography.Text strong style={{ fontSize: 17 }}>{yuan(total)}</Typography.Text></Table.Summary.Cell>
                <Table.Summary.Cell index={8} colSpan={2} />
              </Table.Summary.Row>
            </Table.Summary>
          )}
          columns={[
            { title: t('食材', 'Ingredient'), width: 170, fixed: 'left', render: (_, l) => (
              <div>{l.name}{l.isNew && <Tag color="blue" style={{ marginLeft: 6 }}>{t('新增', 'Added')}</Tag>}<div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{l.code}</Typography.Text></div></div>
            ) },
            { title: t('类别', 'Category'), dataIndex: 'category', width: 80, render: categoryLabel },
            { title: t('需用量', 'Needed'), dataIndex: 'needG', width: 110, align: 'right', render: (v) => kgText(v) },
            { title: t('库存', 'On hand'), dataIndex: 'onHandG', width: 110, align: 'right', render: (v) => kgText(v) },
            { title: t('建议采购', 'Suggested'), width: 120, align: 'right', render: (_, l) => (
              <div>{l.suggestedQty} {unitLabel(l.purchaseUnit)}{l.purchaseUnit !== 'kg' && l.suggestedQty > 0 && <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{kgText(l.suggestedQty * l.gramsPerUnit)}</Typography.Text></div>}</div>
            ) },
            { title: t('采购数量', 'Quantity'), width: 150, render: (_, l) => (editable ? (
              <InputNumber min={0} max={1_000_000} precision={0} value={qtyOf(l)} style={{ width: '100%' }} suffix={unitLabel(l.purchaseUnit)}
                status={qtyOf(l) !== l.suggestedQty && !l.isNew ? 'warning' : undefined}
                aria-label={t(`${l.name} 采购数量`, `${l.name} quantity`)} onChange={(v) => setEdit(l.ingredientId, { qty: v })} />
            ) : <b>{qtyOf(l)} {unitLabel(l.purchaseUnit)}</b>) },
            { title: t('单价', 'Unit price'), width: 110, align: 'right', render: (_, l) => (l.unitPriceFen == null
              ? <Typography.Text type="warning">{l.isNew ? t('保存后计价', 'Priced on save') : t('无报价', 'No quote')}</Typography.Text>
              : `${yuan(l.unitPriceFen)}/${unitLabel(l.purchaseUnit)}`) },
            { title: t('金额', 'Amount'), width: 110, align: 'right', render: (_, l) => yuan(amount(l)) },
            { title: t('供应商', 'Supplier'), dataIndex: 'supplierName', width: 180, render: (v) => v ?? '—' },
            { title: t('备注', 'Note'), width: 180, render: (_, l) => (editable
              ? <Input maxLength={200} value={edits.get(l.ingredientId)?.note ?? ''} aria-label={t(`${l.name} 备注`, `${l.name} note`)} onChange={(e) => setEdit(l.ingredientId, { note: e.target.value })} />
              : (l.note || '')) },
          ]} />
        {editable && (
          <Space wrap style={{ marginTop: 12 }}>
            <Select showSearch={{ filterOption: (input, o) => String((o as { search?: string })?.search ?? '').includes(input.toLowerCase()) }}
              value={null} style={{ width: 320 }} aria-label={t('添加食材', 'Add ingredient')} placeholder={t('搜索并添加其他食材…', 'Search and add another ingredient…')} options={ingOptions}
              onChange={(v: number | null) => {
                const i = ingredients.find((x) => x.id === v);
                if (!i) return;
                setAdded([...added, i]);
                setEdit(i.id, { qty: 1, note: '' });
              }} />
          </Space>
        )}
      </Card>
      {/* The next step stays in view however long the list: the bar sticks to the bottom of the window. */}
      <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 100, boxShadow: '0 -4px 12px rgba(0,0,0,.08)' }}>
        <Form layout="vertical">
          {(editable || req.note) && (
            <Form.Item label={t('请购说明', 'Note')} style={{ marginBottom: 12 }}>
              <Input.TextArea rows={1} maxLength={500} value={note} disabled={!editable} onChange={(e) => setNote(e.target.value)} />
            </Form.Item>
          )}
          {req.status === 'submitted' && approver && !own && !rejecting && (
            <Form.Item label={t('审核意见', 'Comment')} extra={t('选填；退回时必须写明原因', 'Optional; a reason is required to send it back')} style={{ marginBottom: 12 }}>
              <Input.TextArea rows={1} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
            </Form.Item>
          )}
        </Form>
        {req.status === 'submitted' && approver && own && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('不能审核自己生成的请购单，请由其他负责人审核。', 'You cannot decide on a requisition you generated.')} />
        )}
        {!rejecting && (
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
            <Space wrap>
              {editable && <Button size="large" disabled={!dirty} loading={busy === 'save'} onClick={saveLines}>{t('保存修改', 'Save changes')}</Button>}
              {editable && <Button size="large" type="primary" loading={busy === 'submit'} onClick={submit}>{t('提交审核', 'Submit for approval')}</Button>}
              {req.status === 'submitted' && approver && !own && (
                <>
                  <Button size="large" type="primary" loading={busy === 'approve'} onClick={approve}>{t('审核通过', 'Approve')}</Button>
                  <Button size="large" danger onClick={() => setRejecting(true)}>{t('退回', 'Send back')}</Button>
                </>
              )}
              <Button size="large" icon={<PrinterOutlined />} onClick={() => navigate('print')}>{t('打印', 'Print')}</Button>
            </Space>
            <Typography.Text style={{ fontSize: 17 }}>
              {dirty && <Tag color="processing">{t('有未保存的修改', 'Unsaved changes')}</Tag>}
              {t('合计', 'Total')} <b>{yuan(total)}</b>
            </Typography.Text>
          </div>
        )}
      </Card>
      {rejecting && (
        <RejectModal initial={comment} onClose={() => setRejecting(false)}
          onReject={async (reason) => {
            const ok = await act('reject', () => post<Requisition>(`/api/requisitions/${req.id}/reject`, { comment: reason }), t('已退回', 'Sent back'));
            if (ok) setRejecting(false);
          }} busy={busy === 'reject'} />
      )}
    </div>
  );
}

/** Sending back needs a reason, so the chef knows what to change. */
function RejectModal({ initial, busy, onClose, onReject }: { initial: string; busy: boolean; onClose: () => void; onReject: (reason: string) => Promise<void> }) {
  const [form] = Form.useForm();
  return (
    <Modal open title={t('退回请购单', 'Send back the requisition')} onCancel={onClose}
      footer={(
        <Space>
          <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
          <Button type="primary" danger loading={busy} onClick={async () => { const v = await form.validateFields().catch(() => null); if (v) await onReject(v.reason.trim()); }}>{t('退回', 'Send back')}</Button>
        </Space>
      )}>
      <Form form={form} layout="vertical" initialValues={{ reason: initial }}>
        <Form.Item name="reason" label={t('退回原因', 'Reason')} rules={[{ required: true, whitespace: true, message: t('请写明退回原因', 'Give a reason') }, { max: 500 }]}>
          <Input.TextArea rows={3} autoFocus placeholder={t('例如：猪肉数量偏多，请按实际就餐人数调整', 'e.g. too much pork; adjust to the expected diners')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
