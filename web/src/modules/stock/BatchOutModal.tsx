import { Alert, App, Form, Input, Select, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { get, post, yuan } from '../../api.ts';
import { t } from '../../i18n.ts';
import { BestBefore } from './BatchTable.tsx';
import { ReasonPicker } from './ReasonPicker.tsx';
import { PostingModal } from './PostingModal.tsx';
import { KgInput, kg3, nameOf, postedText, RETURN_REASONS, shortIds, ShortRowStyle, usePosting, WRITE_OFF_REASONS } from './shared.tsx';
import type { Batch, Doc } from './types.ts';

/**
 * 退货 (back to the supplier) and 报损 (write-off): the user ticks the batches, the quantity of each
 * defaults to all that is left, and a reason is required. A return goes to one supplier.
 */
export function BatchOutModal({ kind, canteenId, batchId, onClose, onPosted }: {
  kind: 'return' | 'write_off';
  canteenId: number;
  /** A batch chosen on the stock page, ticked when the dialog opens. */
  batchId?: number;
  onClose: () => void;
  onPosted: (doc: Doc) => void;
}) {
  const { message } = App.useApp();
  const [batches, setBatches] = useState<Batch[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Map<number, number | null>>(new Map());
  const [supplier, setSupplier] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [reason, setReason] = useState('');
  const posting = usePosting();
  const isReturn = kind === 'return';

  useEffect(() => {
    void get<Batch[]>(`/api/stock/batches?canteenId=${canteenId}`).then((list) => {
      setBatches(list);
      const b = list.find((x) => x.id === batchId);
      if (b) {
        setPicked(new Map([[b.id, b.qtyG]]));
        if (isReturn) setSupplier(b.supplierId);
      }
    }).catch((e) => setLoadError((e as Error).message));
  }, [canteenId]);

  const suppliers = useMemo(() => {
    const m = new Map<number, string>();
    for (const b of batches ?? []) if (b.supplierId) m.set(b.supplierId, b.supplierName ?? `#${b.supplierId}`);
    return [...m.entries()].map(([value, label]) => ({ value, label }));
  }, [batches]);
  const needle = search.trim().toLowerCase();
  const shown = (batches ?? []).filter((b) => (!isReturn || (supplier !== null && b.supplierId === supplier))
    && (!needle || `${b.name} ${b.nameEn} ${b.code}`.toLowerCase().includes(needle) || picked.has(b.id)));
  const lines = [...picked.entries()].filter(([, g]) => (g ?? 0) > 0).map(([id, g]) => ({ batchId: id, qtyG: g! }));
  const ready = lines.length > 0 && !!reason.trim();
  const short = shortIds(posting.error, 'batchId');
  const total = lines.reduce((s, l) => {
    const b = batches?.find((x) => x.id === l.batchId);
    return s + (b ? Math.round((b.valueFen * Math.min(l.qtyG, b.qtyG)) / b.qtyG) : 0);
  }, 0);

  const submit = async () => {
    const doc = await posting.run((requestKey) => post<Doc>(isReturn ? '/api/stock/returns' : '/api/stock/write-offs', { canteenId, requestKey, reason, lines }));
    if (!doc) return;
    message.success(isReturn ? postedText(doc, '退货', 'Returned') : postedText(doc, '报损', 'Written off'));
    onPosted(doc);
  };

  return (
    <PostingModal title={isReturn ? t('退货给供应商', 'Return to the supplier') : t('报损', 'Write off')} width={980} posting={posting} ready={ready} danger={!isReturn}
      onOk={submit} onClose={onClose} okText={isReturn ? t('确认退货', 'Return') : t('确认报损', 'Write off')}
      note={lines.length > 0 && t(`已选 ${lines.length} 个批次，约 ${yuan(total)}`, `${lines.length} batches, about ${yuan(total)}`)}>
      {loadError && <Alert type="error" showIcon title={loadError} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        {isReturn && (
          <Form.Item label={t('退给哪个供应商', 'Supplier')} required>
            <Select aria-label={t('供应商', 'Supplier')} value={supplier} placeholder={t('先选供应商，再勾选他送来的批次', 'Choose the supplier, then tick their batches')} style={{ maxWidth: 420 }}
              options={suppliers} onChange={(v: number) => { setSupplier(v); setPicked(new Map()); }} />
          </Form.Item>
        )}
        <Form.Item label={isReturn ? t('退货原因', 'Reason') : t('报损原因', 'Reason')} required>
          <ReasonPicker reasons={isReturn ? RETURN_REASONS : WRITE_OFF_REASONS} value={reason} onChange={setReason} label={isReturn ? t('退货原因', 'Reason') : t('报损原因', 'Reason')} />
        </Form.Item>
      </Form>
      <Input.Search allowClear placeholder={t('查找食材', 'Find an ingredient')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ maxWidth: 320, marginBottom: 8 }} />
      <Table<Batch> rowKey="id" size="middle" loading={!batches && !loadError} dataSource={shown} pagination={false} scroll={{ y: Math.max(200, window.innerHeight - 520) }}
        rowClassName={(b) => (short.has(b.id) ? 'stock-short-row' : '')}
        locale={{ emptyText: isReturn && supplier === null ? t('请先选择供应商', 'Choose the supplier first') : t('没有库存批次', 'No batches in stock') }}
        rowSelection={{
          selectedRowKeys: [...picked.keys()],
          onChange: (_keys, rows) => setPicked(new Map(rows.map((b) => [b.id, picked.get(b.id) ?? b.qtyG]))),
          getCheckboxProps: (b) => ({ 'aria-label': t(`选择 ${b.name} 批次 ${b.id}`, `Choose ${nameOf(b)} batch ${b.id}`) }),
        }}
        columns={[
          { title: t('食材', 'Ingredient'), render: (_, b) => nameOf(b) },
          { title: t('到货', 'Received'), dataIndex: 'receivedOn', width: 115 },
          { title: t('保质期至', 'Best before'), width: 150, render: (_, b) => <BestBefore date={b.bestBefore} /> },
          ...(isReturn ? [] : [{ title: t('供应商', 'Supplier'), dataIndex: 'supplierName', ellipsis: true }]),
          { title: t('剩余', 'Left'), width: 140, align: 'right', render: (_, b) => <div>{kg3(b.qtyG)}<div style={{ fontSize: 13, color: '#888' }}>{yuan(b.valueFen)}</div></div> },
          { title: isReturn ? t('退货数量', 'Return') : t('报损数量', 'Write off'), width: 200, render: (_, b) => (picked.has(b.id) ? (
            <KgInput value={picked.get(b.id)} max={b.qtyG / 1000} status={(picked.get(b.id) ?? 0) > b.qtyG ? 'error' : undefined} style={{ width: 170 }}
              aria-label={t(`${b.name} 数量`, `${nameOf(b)} quantity`)} onChange={(g) => setPicked(new Map(picked).set(b.id, g))} />
          ) : <Typography.Text type="secondary">{t('勾选后填写', 'Tick to enter')}</Typography.Text>) },
        ]} />
      <ShortRowStyle />
    </PostingModal>
  );
}
