import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { get, yuan } from '../../api.ts';
import { MEALS, mealLabel, t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { labelOf } from '../../shell/labels.tsx';
import { checkoutApi, METHODS, type SaleView, type Station } from './api.ts';

/** A cashier may undo this long after the sale (server: sale.ts UNDO_SECONDS); later only a manager's void. */
const UNDO_MS = 120_000;

/** The day's sales of the canteen, filtered by station and meal; undo or void with a reason. */
export function SalesTab({ canteenId, date }: { canteenId: number; date: string }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [stationId, setStationId] = useState<number | undefined>();
  const [meal, setMeal] = useState<string | undefined>();
  const [rows, setRows] = useState<SaleView[] | null>(null);
  const [stations, setStations] = useState<Station[]>([]);
  const [dishNames, setDishNames] = useState<Map<number, string>>(new Map());
  const [diners, setDiners] = useState<Map<number, string>>(new Map());
  const [voiding, setVoiding] = useState<SaleView | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const load = () => {
    setRows(null);
    checkoutApi.sales({ canteenId, date, stationId, meal, limit: 500 }).then(setRows, (e: Error) => { setRows([]); message.error(e.message); });
  };
  useEffect(load, [canteenId, date, stationId, meal]);
  useEffect(() => { checkoutApi.stations(canteenId).then(setStations, () => setStations([])); }, [canteenId]);
  useEffect(() => {
    get<{ id: number; name: string; nameEn: string | null }[]>('/api/dishes').then((list) => setDishNames(new Map(list.map((d) => [d.id, t(d.name, d.nameEn ?? d.name)]))), () => undefined);
  }, []);
  // The sales list names accounts by id; the diners' names come from the accounts, once each.
  useEffect(() => {
    const missing = [...new Set((rows ?? []).map((r) => r.accountId))].filter((id) => !diners.has(id)).slice(0, 60);
    if (!missing.length || !can('account.account.read')) return;
    Promise.all(missing.map((id) => get<{ id: number; name: string }>(`/api/accounts/${id}`).then((a) => [id, a.name] as const, () => [id, `#${id}`] as const)))
      .then((pairs) => setDiners((m) => new Map([...m, ...pairs])));
  }, [rows]);

  const stationName = useMemo(() => new Map(stations.map((s) => [s.id, s.name])), [stations]);
  const mayTakeBack = (s: SaleView) => s.status === 'paid'
    && ((can('checkout.sale.undo') && Date.now() < new Date(s.soldAt).getTime() + UNDO_MS) || can('checkout.sale.void'));

  const doVoid = async () => {
    if (!voiding || !reason.trim()) return;
    setBusy(true);
    try {
      const after = await checkoutApi.undo(voiding.id, reason.trim());
      setRows((rs) => rs?.map((r) => (r.id === after.id ? { ...r, ...after, lines: r.lines } : r)) ?? null);
      message.success(t('已撤销，款项已退回账户', 'Taken back; the money is back on the account'));
      setVoiding(null);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const paid = (rows ?? []).filter((r) => r.status === 'paid');
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select size="large" allowClear style={{ minWidth: 200 }} aria-label={t('结算台', 'Station')} placeholder={t('全部结算台', 'All stations')} value={stationId} onChange={setStationId}
          options={stations.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))} />
        <Select size="large" allowClear style={{ minWidth: 140 }} aria-label={t('餐次', 'Meal')} placeholder={t('全部餐次', 'All meals')} value={meal} onChange={setMeal}
          options={MEALS.map((m) => ({ value: m.value, label: t(m.zh, m.en) }))} />
        <Button size="large" icon={<ReloadOutlined />} onClick={load}>{t('刷新', 'Refresh')}</Button>
        <Typography.Text style={{ fontSize: 16 }}>
          {t(`共 ${paid.length} 笔，营收 ${yuan(paid.reduce((s, r) => s + r.dueFen, 0))}`, `${paid.length} sales, revenue ${yuan(paid.reduce((s, r) => s + r.dueFen, 0))}`)}
        </Typography.Text>
      </Space>
      <Table<SaleView> rowKey="id" loading={!rows} dataSource={rows ?? []} size="middle" pagination={{ pageSize: 50, hideOnSinglePage: true }}
        aria-label={t('结算流水', 'Sales')}
        columns={[
          { title: t('时间', 'Time'), dataIndex: 'soldAt', width: 100, render: (v: string) => dayjs(v).format('HH:mm:ss') },
          { title: t('餐次', 'Meal'), dataIndex: 'meal', width: 80, render: mealLabel },
          { title: t('结算台', 'Station'), dataIndex: 'stationId', width: 120, render: (v: number | null) => (v ? stationName.get(v) ?? `#${v}` : '—') },
          { title: t('就餐人员', 'Diner'), dataIndex: 'accountId', width: 120, render: (v: number) => diners.get(v) ?? `#${v}` },
          { title: t('菜品', 'Dishes'), key: 'lines', render: (_: unknown, r) => r.lines.map((l) => `${l.name ?? dishNames.get(l.dishId) ?? `#${l.dishId}`}${l.weightG ? ` ${l.weightG}g` : l.portions > 1 ? `×${l.portions}` : ''}`).join('、') },
          { title: t('方式', 'Method'), dataIndex: 'method', width: 90, render: (v: string, r) => <>{labelOf(METHODS, v)}{r.offline && <Tag color="orange" style={{ marginLeft: 4 }}>{t('离线', 'Offline')}</Tag>}</> },
          { title: t('菜单金额', 'Menu price'), dataIndex: 'menuFen', width: 100, align: 'right', render: yuan },
          { title: t('单位补贴', 'Unit subsidy'), dataIndex: 'mealSubsidyFen', width: 100, align: 'right', render: yuan },
          { title: t('个人实付', 'Diner paid'), key: 'paid', width: 100, align: 'right', render: (_: unknown, r) => <span style={{ textDecoration: r.status === 'voided' ? 'line-through' : undefined }}>{yuan(r.fromSubsidyFen + r.fromCashFen)}</span> },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 120, render: (v: string, r) => (v === 'voided' ? <Tag title={r.voidReason ?? ''}>{t('已撤销', 'Voided')}</Tag> : <Tag color="green">{t('已支付', 'Paid')}</Tag>) },
          { title: '', key: 'act', width: 100, render: (_: unknown, r) => mayTakeBack(r) && (
            <Button danger onClick={() => { setVoiding(r); setReason(''); }}>{Date.now() < new Date(r.soldAt).getTime() + UNDO_MS ? t('撤销', 'Undo') : t('作废', 'Void')}</Button>
          ) },
        ]} />
      <Modal open={!!voiding} title={t('撤销 / 作废这笔结算', 'Undo / void this sale')} onCancel={() => setVoiding(null)} onOk={doVoid}
        okText={t('确定撤销', 'Take it back')} cancelText={t('取消', 'Cancel')} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy }}>
        {voiding && (
          <div>
            <p>{diners.get(voiding.accountId) ?? `#${voiding.accountId}`} · {dayjs(voiding.soldAt).format('HH:mm:ss')} · {yuan(voiding.fromSubsidyFen + voiding.fromCashFen)}</p>
            <p>{t('款项与补贴将退回就餐人员账户。', 'The money and the subsidy go back to the diner’s account.')}</p>
            <Input.TextArea aria-label={t('原因', 'Reason')} placeholder={t('请填写原因', 'Give a reason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} rows={3} />
          </div>
        )}
      </Modal>
    </div>
  );
}
