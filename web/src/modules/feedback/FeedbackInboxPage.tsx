import { App, Button, Drawer, Empty, Image, Input, Segmented, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { get, post } from '../../api.ts';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { tagOf } from '../../shell/labels.tsx';
import { FEEDBACK_CATEGORIES, FEEDBACK_STATUSES, photoHref, type Feedback } from './api.ts';

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

const Verdict = ({ f }: { f: Feedback }) => (f.satisfied === null ? <Typography.Text type="secondary">—</Typography.Text>
  : f.satisfied ? <Typography.Text type="success">{t('满意', 'Satisfied')}</Typography.Text> : <Typography.Text type="danger">{t('不满意', 'Not satisfied')}</Typography.Text>);

/** /feedback — what diners told the current canteen: awaiting a reply first; reply, close, see the diner's verdict. */
export function FeedbackInboxPage() {
  useLang();
  const { canteenId, can } = useSession();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>('open');
  const [rows, setRows] = useState<Feedback[] | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const load = () => {
    if (!canteenId) return;
    get<Feedback[]>(`/api/feedback?canteenId=${canteenId}${status === 'all' ? '' : `&status=${status}`}`).then(setRows).catch((e) => message.error((e as Error).message));
  };
  useEffect(load, [canteenId, status]);
  const open = rows?.find((r) => r.id === openId) ?? null;
  const changed = (f: Feedback) => setRows((cur) => cur?.map((x) => (x.id === f.id ? f : x)) ?? null);

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('意见建议', 'Feedback')}</Typography.Title>
      <Segmented size="large" value={status} onChange={(v) => setStatus(String(v))} style={{ marginBottom: 16 }}
        options={[...FEEDBACK_STATUSES.map((s) => ({ value: s.value, label: t(s.zh, s.en) })), { value: 'all', label: t('全部', 'All') }]} />
      <Table<Feedback> rowKey="id" loading={!rows} dataSource={rows ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={status === 'open' ? t('没有待回复的意见', 'Nothing awaits a reply') : t('没有意见', 'No feedback')} /> }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('时间', 'When'), dataIndex: 'createdAt', width: 170, render: when },
          { title: t('类别', 'Category'), dataIndex: 'category', width: 90, render: (v: string) => tagOf(FEEDBACK_CATEGORIES, v) },
          { title: t('内容', 'Text'), dataIndex: 'text', ellipsis: true, render: (v: string, r) => <span>{v}{r.photoIds.length > 0 && <Typography.Text type="secondary">{t(`（${r.photoIds.length} 张照片）`, ` (${r.photoIds.length} photos)`)}</Typography.Text>}</span> },
          { title: t('菜品', 'Dish'), dataIndex: 'dishName', width: 120, render: (v: string | null) => v ?? '—' },
          { title: t('提出人', 'From'), dataIndex: 'authorName', width: 110 },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 100, render: (v: string) => tagOf(FEEDBACK_STATUSES, v) },
          { title: t('评价', 'Verdict'), key: 'satisfied', width: 90, render: (_: unknown, r) => <Verdict f={r} /> },
          { title: '', key: 'go', width: 90, render: (_: unknown, r) => <Button type={r.status === 'open' ? 'primary' : 'default'}>{r.status === 'open' && can('feedback.feedback.reply') ? t('回复', 'Reply') : t('查看', 'Open')}</Button> },
        ]} />
      <Drawer open={!!open} onClose={() => setOpenId(null)} size={560} title={t('意见详情', 'Feedback')} destroyOnHidden>
        {open && <FeedbackDetail f={open} onChange={changed} />}
      </Drawer>
    </div>
  );
}

function FeedbackDetail({ f, onChange }: { f: Feedback; onChange: (f: Feedback) => void }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (path: string, body?: unknown) => {
    setBusy(true);
    try {
      onChange(await post<Feedback>(`/api/feedback/${f.id}/${path}`, body));
      setText('');
      message.success(path === 'replies' ? t('已回复', 'Reply sent') : t('已关闭', 'Closed'));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const mayReply = can('feedback.feedback.reply') && f.status !== 'closed';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>{tagOf(FEEDBACK_CATEGORIES, f.category)}{tagOf(FEEDBACK_STATUSES, f.status)}<Typography.Text type="secondary">{f.authorName} · {when(f.createdAt)}</Typography.Text></Space>
      <Typography.Paragraph style={{ fontSize: 17, whiteSpace: 'pre-wrap', margin: 0 }}>{f.text}</Typography.Paragraph>
      {f.dishName && <Typography.Text>{t('菜品：', 'Dish: ')}{f.dishName}</Typography.Text>}
      {f.photoIds.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap>{f.photoIds.map((p) => <Image key={p} src={photoHref(f.id, p)} width={120} height={120} style={{ objectFit: 'cover', borderRadius: 6 }} alt={t('照片', 'Photo')} />)}</Space>
        </Image.PreviewGroup>
      )}
      {f.replies.map((r) => (
        <div key={r.id} style={{ background: '#e6f2ee', borderRadius: 8, padding: '8px 12px' }}>
          <Typography.Text strong>{r.byName}</Typography.Text> <Typography.Text type="secondary">{when(r.at)}</Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{r.text}</div>
        </div>
      ))}
      {f.satisfied !== null && <div>{t('就餐人员评价：', "Diner's verdict: ")}<Verdict f={f} /></div>}
      {mayReply && (
        <>
          <Input.TextArea aria-label={t('回复内容', 'Reply')} rows={4} maxLength={1000} showCount value={text} onChange={(e) => setText(e.target.value)}
            placeholder={t('写给就餐人员的回复，例如：已转告厨师长，明日起调整', 'Your reply to the diner')} />
          <Space>
            <Button type="primary" size="large" loading={busy} disabled={!text.trim()} onClick={() => act('replies', { text: text.trim() })}>{t('发送回复', 'Send reply')}</Button>
            <Button size="large" disabled={busy} onClick={() => act('close')}>{t('关闭', 'Close')}</Button>
          </Space>
        </>
      )}
    </Space>
  );
}
