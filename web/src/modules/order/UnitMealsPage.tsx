import { CheckOutlined, CloseOutlined, DollarOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Descriptions, Drawer, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { yuan } from '../../api.ts';
import { mealLabel, t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { tagOf } from '../../shell/labels.tsx';
import { ORDER_KINDS, ORDER_STATUSES, orderApi, type Order, type Statement, type StatementRow } from './api.ts';

/** /orders/approvals — meeting and official meals waiting for the canteen head or the unit approver. */
export function ApprovalsPage() {
  useLang();
  const { message, modal } = App.useApp();
  const [rows, setRows] = useState<Order[] | null>(null);
  const load = () => { orderApi.approvals().then(setRows, (e: Error) => { setRows([]); message.error(e.message); }); };
  useEffect(load, []);
  const act = async (f: () => Promise<Order>, done: string) => {
    try {
      await f();
      message.success(done);
      load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const reject = (o: Order) => {
    let reason = '';
    modal.confirm({
      title: t(`退回 ${o.no}`, `Reject ${o.no}`), okText: t('退回', 'Reject'), okButtonProps: { danger: true },
      content: <Input.TextArea autoFocus rows={3} placeholder={t('退回原因', 'Reason')} onChange={(e) => { reason = e.target.value; }} />,
      onOk: () => act(() => orderApi.reject(o.id, reason || t('不符合要求', 'Not acceptable')), t('已退回', 'Rejected')),
    });
  };
  return (
    <div>
      <Typography.Title level={3}>{t('会议餐/公务餐审批', 'Meeting and official meal approvals')}</Typography.Title>
      <Table<Order> rowKey="id" loading={!rows} dataSource={rows ?? []} pagination={false} locale={{ emptyText: <Empty description={t('没有待审批的申请', 'Nothing waiting')} /> }} columns={[
        { title: t('单号', 'No.'), dataIndex: 'no', width: 170 },
        { title: t('类型', 'Kind'), dataIndex: 'kind', width: 90, render: (k: string) => tagOf(ORDER_KINDS, k) },
        { title: t('单位 / 申请人', 'Unit / by'), render: (_, o) => <>{o.unitName}<div style={{ fontSize: 12, color: '#888' }}>{o.personName} · {o.contact} {o.phone}</div></> },
        { title: t('食堂与时间', 'Canteen and time'), render: (_, o) => <>{o.canteenName}<div style={{ fontSize: 12, color: '#888' }}>{o.date} {mealLabel(o.meal)} {o.pickupTime ?? ''}</div></> },
        { title: t('用途', 'Purpose'), dataIndex: 'purpose' },
        { title: t('人数 × 餐标', 'People × standard'), align: 'right', render: (_, o) => <>{o.headcount} × {yuan(o.standardFen)}<div><b>{yuan(o.dueFen)}</b></div></> },
        { title: t('审批', 'Approvals'), render: (_, o) => <Space direction="vertical" size={2}>
          {tagOf(ORDER_STATUSES, o.status)}
          <span style={{ fontSize: 12 }}>{t('食堂', 'Canteen')}：{o.canteenApproved ? `${o.canteenApproved.by} ✓` : '—'}</span>
          <span style={{ fontSize: 12 }}>{t('单位', 'Unit')}：{o.unitApproved ? `${o.unitApproved.by} ✓` : '—'}</span>
        </Space> },
        { title: t('操作', 'Actions'), width: 200, render: (_, o) => o.mayApprove && <Space>
          <Button type="primary" icon={<CheckOutlined />} onClick={() => void act(() => orderApi.approve(o.id), t('已批准', 'Approved'))}>{t('批准', 'Approve')}</Button>
          <Button danger icon={<CloseOutlined />} onClick={() => reject(o)}>{t('退回', 'Reject')}</Button>
        </Space> },
      ]} />
    </div>
  );
}

/** /orders/statements — units' monthly statements of billed meeting and official meals: view, export, record payment. */
export function StatementsPage() {
  useLang();
  const { message } = App.useApp();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [rows, setRows] = useState<StatementRow[] | null>(null);
  const [open, setOpen] = useState<StatementRow | null>(null);
  const load = () => { setRows(null); orderApi.statements(month).then(setRows, (e: Error) => { setRows([]); message.error(e.message); }); };
  useEffect(load, [month]);
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('单位月结单', 'Unit statements')}</Typography.Title>
        <DatePicker picker="month" size="large" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} aria-label={t('月份', 'Month')} />
      </Space>
      <Table<StatementRow> rowKey={(r) => `${r.canteenId}-${r.unitId}`} loading={!rows} dataSource={rows ?? []} pagination={false}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <Empty description={t('本月没有记账的会议餐/公务餐', 'No meals billed this month')} /> }}
        columns={[
          { title: t('单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('食堂', 'Canteen'), dataIndex: 'canteenName' },
          { title: t('次数', 'Meals'), dataIndex: 'orders', align: 'right' },
          { title: t('人次', 'People'), dataIndex: 'headcount', align: 'right' },
          { title: t('金额', 'Amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (s: string, r) => (s === 'paid' ? <Tag color="green">{t('已收款', 'Paid')} {dayjs(r.paidAt).format('MM-DD')}</Tag> : <Tag color="gold">{t('未结', 'Open')}</Tag>) },
        ]}
        summary={(list) => <Table.Summary.Row><Table.Summary.Cell index={0} colSpan={4}>{t('合计', 'Total')}</Table.Summary.Cell><Table.Summary.Cell index={4} align="right">{yuan(list.reduce((s, r) => s + r.amountFen, 0))}</Table.Summary.Cell><Table.Summary.Cell index={5} /></Table.Summary.Row>} />
      <StatementDrawer row={open} onClose={() => setOpen(null)} onPaid={load} />
    </div>
  );
}

function StatementDrawer({ row, onClose, onPaid }: { row: StatementRow | null; onClose: () => void; onPaid: () => void }) {
  const { message } = App.useApp();
  const { can } = useSession();
  const [s, setS] = useState<Statement | null>(null);
  const [memo, setMemo] = useState('');
  useEffect(() => {
    setS(null);
    if (row) orderApi.statement(row.month, row.canteenId, row.unitId).then(setS, (e: Error) => message.error(e.message));
  }, [row]);
  const pay = async () => {
    if (!row) return;
    try {
      setS(await orderApi.markPaid({ month: row.month, canteenId: row.canteenId, unitId: row.unitId, memo }));
      message.success(t('已记录收款', 'Payment recorded'));
      onPaid();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Drawer open={!!row} onClose={onClose} size="large" title={row && `${row.unitName} · ${row.canteenName} · ${row.month}`}
      extra={row && <Space>
        <Button icon={<FileExcelOutlined />} href={orderApi.statementHref(row.month, row.canteenId, row.unitId, 'xlsx')}>Excel</Button>
        <Button icon={<FilePdfOutlined />} href={orderApi.statementHref(row.month, row.canteenId, row.unitId, 'pdf')}>PDF</Button>
      </Space>}>
      {s && (
        <>
          <Table rowKey="orderId" size="small" pagination={false} dataSource={s.lines} columns={[
            { title: t('日期', 'Date'), dataIndex: 'date', render: (d: string, l) => `${d} ${mealLabel(l.meal)}` },
            { title: t('单号', 'No.'), dataIndex: 'no' },
            { title: t('类型', 'Kind'), dataIndex: 'kind', render: (k: string) => tagOf(ORDER_KINDS, k) },
            { title: t('用途', 'Purpose'), dataIndex: 'purpose' },
            { title: t('人数', 'People'), dataIndex: 'headcount', align: 'right' },
            { title: t('餐标', 'Standard'), dataIndex: 'standardFen', align: 'right', render: (v: number) => yuan(v) },
            { title: t('金额', 'Amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
          ]} summary={() => <Table.Summary.Row><Table.Summary.Cell index={0} colSpan={4}>{t('合计', 'Total')}</Table.Summary.Cell><Table.Summary.Cell index={4} align="right">{s.totals.headcount}</Table.Summary.Cell><Table.Summary.Cell index={5} /><Table.Summary.Cell index={6} align="right"><b>{yuan(s.totals.amountFen)}</b></Table.Summary.Cell></Table.Summary.Row>} />
          {s.payment
            ? <Descriptions style={{ marginTop: 16 }} column={1} bordered size="small" items={[
              { label: t('收款金额', 'Amount paid'), children: yuan(s.payment.amountFen) },
              { label: t('收款时间', 'Paid at'), children: new Date(Date.parse(s.payment.paidAt) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') },
              { label: t('经办人', 'Recorded by'), children: s.payment.paidBy },
              { label: t('备注', 'Memo'), children: s.payment.memo || '—' },
            ]} />
            : can('order.statement.write') && <Space.Compact style={{ marginTop: 16, width: '100%' }}>
              <Input size="large" placeholder={t('备注，如：银行转账凭证号', 'Memo, e.g. bank transfer reference')} value={memo} onChange={(e) => setMemo(e.target.value)} />
              <Button size="large" type="primary" icon={<DollarOutlined />} onClick={() => void pay()}>{t('记录收款', 'Record payment')}</Button>
            </Space.Compact>}
        </>
      )}
    </Drawer>
  );
}
