import { DeleteOutlined } from '@ant-design/icons';
import { Button, Select, Table, Typography } from 'antd';
import { t } from '../../i18n.ts';
import { KgInput, kg3, nameOf, ShortRowStyle, unitApprox } from './shared.tsx';
import type { StockRow } from './types.ts';

export interface QtyLine {
  ingredientId: number; code: string; name: string; nameEn?: string; purchaseUnit: string; gramsPerUnit: number;
  onHandG: number; qtyG: number | null;
  /** From the menu plan (issues only). */
  needG?: number; issuedG?: number;
}

export const qtyLineOf = (s: StockRow, qtyG: number | null = null): QtyLine => ({
  ingredientId: s.ingredientId, code: s.code, name: s.name, nameEn: s.nameEn, purchaseUnit: s.purchaseUnit, gramsPerUnit: s.gramsPerUnit, onHandG: s.qtyG, qtyG,
});

/** The lines that will be posted: a positive quantity. */
export const postedLines = (lines: QtyLine[]) => lines.filter((l) => (l.qtyG ?? 0) > 0).map((l) => ({ ingredientId: l.ingredientId, qtyG: l.qtyG! }));

/**
 * Ingredients with a quantity each, taken out of stock first-expiring-first (issue, transfer):
 * what is on hand beside each line, more than that in red, lines the server found short in red.
 */
export function QtyLinesEditor({ lines, onChange, stock, short, withNeed }: {
  lines: QtyLine[];
  onChange: (lines: QtyLine[]) => void;
  /** What can be added: the canteen's stock. */
  stock: StockRow[];
  /** Ingredient ids the server reported short. */
  short?: Set<number>;
  withNeed?: boolean;
}) {
  const set = (id: number, qtyG: number | null) => onChange(lines.map((l) => (l.ingredientId === id ? { ...l, qtyG } : l)));
  const addable = stock.filter((s) => s.qtyG > 0 && !lines.some((l) => l.ingredientId === s.ingredientId))
    .map((s) => ({ value: s.ingredientId, label: `${nameOf(s)}（${kg3(s.qtyG)}）`, search: `${s.name} ${s.nameEn} ${s.code}`.toLowerCase() }));
  return (
    <div>
      <Table<QtyLine> rowKey="ingredientId" dataSource={lines} pagination={false} size="middle" scroll={{ y: Math.max(200, window.innerHeight - 500) }}
        rowClassName={(l) => (short?.has(l.ingredientId) ? 'stock-short-row' : '')}
        locale={{ emptyText: t('还没有食材：在下面添加', 'No ingredients yet: add them below') }}
        columns={[
          { title: t('食材', 'Ingredient'), render: (_, l) => <div>{nameOf(l)}<div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{l.code}</Typography.Text></div></div> },
          ...(withNeed ? [
            { title: t('菜单需用', 'Menu needs'), width: 130, align: 'right' as const, render: (_: unknown, l: QtyLine) => kg3(l.needG ?? 0) },
            { title: t('已领', 'Issued'), width: 120, align: 'right' as const, render: (_: unknown, l: QtyLine) => (l.issuedG ? kg3(l.issuedG) : '—') },
          ] : []),
          { title: t('库存', 'On hand'), width: 130, align: 'right', render: (_, l) => (
            <Typography.Text type={l.onHandG === 0 || short?.has(l.ingredientId) ? 'danger' : undefined}>{kg3(l.onHandG)}</Typography.Text>
          ) },
          { title: t('本次数量', 'Quantity'), width: 210, render: (_, l) => {
            const over = (l.qtyG ?? 0) > l.onHandG;
            return (
              <div>
                <KgInput value={l.qtyG} onChange={(g) => set(l.ingredientId, g)} status={over ? 'error' : undefined} style={{ width: 170 }} aria-label={t(`${l.name} 数量`, `${nameOf(l)} quantity`)} />
                <div style={{ fontSize: 13 }}>
                  {over ? <Typography.Text type="danger">{t('超过库存', 'More than on hand')}</Typography.Text>
                    : <Typography.Text type="secondary">{unitApprox(l.qtyG ?? 0, l.purchaseUnit, l.gramsPerUnit)}</Typography.Text>}
                </div>
              </div>
            );
          } },
          { title: '', width: 60, render: (_, l) => (
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t(`去掉 ${l.name}`, `Remove ${nameOf(l)}`)} onClick={() => onChange(lines.filter((x) => x.ingredientId !== l.ingredientId))} />
          ) },
        ]} />
      <ShortRowStyle />
      <Select aria-label={t('添加食材', 'Add an ingredient')} placeholder={t('添加食材：输入名称或编码', 'Add an ingredient: type its name or code')} value={null} style={{ width: '100%', marginTop: 12 }}
        showSearch={{ filterOption: (input, o) => String((o as { search?: string })?.search ?? '').includes(input.toLowerCase()) }}
        options={addable} onChange={(id: number) => {
          const s = stock.find((x) => x.ingredientId === id);
          if (s) onChange([...lines, qtyLineOf(s)]);
        }} />
    </div>
  );
}
