import { Button, Card, DatePicker, Form, Input, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { get } from '../../api.ts';
import { t } from '../../i18n.ts';

interface Entry { id: number; at: string; actorName: string | null; action: string; entity: string; entityId: string | null; before: unknown; after: unknown }

export function AuditPage() {
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: Entry[]; total: number }>({ items: [], total: 0 });
  useEffect(() => {
    const q = new URLSearchParams({ ...filters, limit: '50', offset: String((page - 1) * 50) });
    void get(`/api/audit?${q}`).then(setData);
  }, [filters, page]);
  const onFinish = (v: { actor?: string; action?: string; entity?: string; range?: [Dayjs, Dayjs] }) => {
    const f: Record<string, string> = {};
    if (v.actor) f.actor = v.actor;
    if (v.action) f.action = v.action;
    if (v.entity) f.entity = v.entity;
    if (v.range) { f.from = v.range[0].format('YYYY-MM-DD'); f.to = v.range[1].format('YYYY-MM-DD'); }
    setPage(1);
    setFilters(f);
  };
  return (
    <Card title={t('操作日志', 'Audit log')}>
      <Form layout="inline" onFinish={onFinish} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="actor" label={t('操作人', 'Who')}><Input allowClear /></Form.Item>
        <Form.Item name="action" label={t('操作', 'Action')}><Input allowClear placeholder="requisition.approved" /></Form.Item>
        <Form.Item name="entity" label={t('对象', 'Object')}><Input allowClear placeholder="dish" /></Form.Item>
        <Form.Item name="range" label={t('日期', 'Dates')}><DatePicker.RangePicker /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">{t('查询', 'Search')}</Button></Form.Item>
      </Form>
      <Table rowKey="id" dataSource={data.items} pagination={{ current: page, total: data.total, pageSize: 50, onChange: setPage, showSizeChanger: false }}
        expandable={{ expandedRowRender: (r) => (
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
            <div><Typography.Text strong>{t('修改前', 'Before')}</Typography.Text><pre style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(r.before, null, 2)}</pre></div>
            <div><Typography.Text strong>{t('修改后', 'After')}</Typography.Text><pre style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(r.after, null, 2)}</pre></div>
          </div>
        ) }}
        columns={[
          { title: t('时间', 'When'), dataIndex: 'at', render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'), width: 190 },
          { title: t('操作人', 'Who'), dataIndex: 'actorName', width: 140 },
          { title: t('操作', 'Action'), dataIndex: 'action' },
          { title: t('对象', 'Object'), render: (_, r) => `${r.entity} #${r.entityId ?? ''}` },
        ]} />
    </Card>
  );
}
