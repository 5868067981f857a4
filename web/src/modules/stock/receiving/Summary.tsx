import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Table, Typography } from 'antd';
import { yuan } from '../../../api.ts';
import { t } from '../../../i18n.ts';
import { decisionTag, gradeLabel, kg3, nameOf } from '../shared.tsx';
import { acceptedOf, amountOf, type Draft } from './draft.ts';

/** Everything decided, one row a line, before 确认入库; a row can be reopened to change it. */
export function Summary({ drafts, note, onNote, onEdit, onPost, busy }: {
  drafts: Draft[];
  note: string;
  onNote: (v: string) => void;
  onEdit: (index: number) => void;
  onPost: () => void;
  busy: boolean;
}) {
  const done = drafts.filter((d) => d.status === 'done');
  const notDone = drafts.length - done.length;
  const total = done.reduce((s, d) => s + amountOf(d), 0);
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('核对后确认入库', 'Check, then confirm')}</Typography.Title>
      {notDone > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12, fontSize: 16 }}
          title={t(`有 ${notDone} 种食材这次没有验收，它们留在采购单上，等下次送货：`, `${notDone} ingredients were not received this time; they stay on the order for the next delivery:`)}
          description={(
            <Space wrap size={[6, 6]}>
              {drafts.map((d, i) => (d.status === 'done' ? null : <Button key={d.ingredientId} size="small" onClick={() => onEdit(i)}>{nameOf(d)}</Button>))}
            </Space>
          )} />
      )}
      <Table<Draft & { index: number }> rowKey="ingredientId" size="middle" pagination={false} scroll={{ x: 640 }}
        dataSource={drafts.map((d, index) => ({ ...d, index })).filter((d) => d.status === 'done')}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}><Typography.Text strong>{t(`入库合计（${done.filter((d) => acceptedOf(d) > 0).length} 种）`, `Total received (${done.filter((d) => acceptedOf(d) > 0).length})`)}</Typography.Text></Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right"><Typography.Text strong style={{ fontSize: 18 }}>{yuan(total)}</Typography.Text></Table.Summary.Cell>
            <Table.Summary.Cell index={5} />
          </Table.Summary.Row>
        )}
        columns={[
          { title: t('食材', 'Ingredient'), width: 130, render: (_, d) => <Typography.Text strong>{nameOf(d)}</Typography.Text> },
          { title: t('到货 → 入库', 'Delivered → accepted'), width: 170, align: 'right', render: (_, d) => (
            <div>
              <Typography.Text strong>{kg3(acceptedOf(d))}</Typography.Text>
              <div style={{ fontSize: 13, color: '#888' }}>{t('到货', 'of')} {kg3(d.deliveredG)} · {d.weighedBy === 'scale' ? t('验收秤', 'scale') : t('手工', 'typed')}</div>
            </div>
          ) },
          { title: t('结论', 'Decision'), render: (_, d) => (
            <div>{d.decision && decisionTag(d.decision)}<div style={{ fontSize: 14 }}>{gradeLabel(d.grade)}{d.reason ? ` · ${d.reason}` : ''}</div></div>
          ) },
          { title: t('保质期至', 'Best before'), width: 120, render: (_, d) => (d.decision !== 'rejected' ? d.bestBefore : '') },
          { title: t('金额', 'Amount'), width: 110, align: 'right', render: (_, d) => yuan(amountOf(d)) },
          { title: '', width: 90, render: (_, d) => <Button icon={<EditOutlined />} onClick={() => onEdit(d.index)}>{t('修改', 'Change')}</Button> },
        ]} />
      <div style={{ margin: '16px 0' }}>
        <div style={{ fontSize: 17, marginBottom: 6 }}>{t('备注（可不填）', 'Note (optional)')}</div>
        <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => onNote(e.target.value)} aria-label={t('备注', 'Note')}
          placeholder={t('例如：送货车温度 4℃，司机王师傅', 'e.g. truck at 4 °C, driver Mr Wang')} />
      </div>
      <Button type="primary" size="large" block icon={<CheckOutlined />} loading={busy} disabled={!done.length} onClick={onPost} style={{ height: 68, fontSize: 24 }}>
        {t('确认入库', 'Confirm and post')}
      </Button>
      {!done.length && <Typography.Paragraph type="danger" style={{ marginTop: 8, fontSize: 16 }}>{t('还没有验收任何食材。', 'Nothing has been received yet.')}</Typography.Paragraph>}
    </div>
  );
}
