import { CameraOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Form, Input, Modal, Segmented, Select, Space, Switch, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { DateInput, dateTime, Plain, useDialogSave } from '../ingredient/shared.tsx';
import { workerApi, type Worker, type WorkerDetail } from './api.ts';
import { CertificateTag, JOBS, jobLabel, WorkerAvatar } from './parts.tsx';

type CertFilter = 'all' | 'attention' | 'expired';

/**
 * /workers — the canteen's kitchen workers (从业人员): photo, job, employer, badge, health
 * certificate with its status in colour; register, edit, upload a photo, record a renewed certificate.
 */
export function WorkersPage() {
  useLang();
  const { canteenId, can } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [rows, setRows] = useState<Worker[] | null>(null);
  const [q, setQ] = useState('');
  const [inactive, setInactive] = useState(false);
  const [cert, setCert] = useState<CertFilter>('all');
  const [creating, setCreating] = useState(false);
  const write = can('worker.worker.write');
  const openId = Number(params.get('worker')) || null;
  const setOpenId = (id: number | null) => setParams(id ? { worker: String(id) } : {}, { replace: true });

  const load = () => {
    if (!canteenId) return;
    workerApi.list({ canteenId, q: q.trim() || undefined, active: inactive ? 'all' : 'true' }).then(setRows, (e: Error) => message.error(e.message));
  };
  useEffect(load, [canteenId, inactive]);
  const shown = (rows ?? []).filter((w) => cert === 'all' || (cert === 'expired' ? w.certificate.status === 'expired' : w.certificate.status !== 'valid'));
  const attention = (rows ?? []).filter((w) => w.active && w.certificate.status !== 'valid');

  return (
    <Plain>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('从业人员', 'Kitchen workers')}</Typography.Title>
      {attention.length > 0 && (
        <Alert type={attention.some((w) => w.certificate.status === 'expired') ? 'error' : 'warning'} showIcon style={{ marginBottom: 16, fontSize: 16 }}
          title={t(`${attention.length} 人的健康证已过期或 30 天内到期：${attention.map((w) => w.name).join('、')}`,
            `${attention.length} health certificates expired or running out soon: ${attention.map((w) => w.name).join(', ')}`)} />
      )}
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search size="large" allowClear placeholder={t('姓名、工牌号、单位或证号', 'Name, badge, employer or certificate no.')} style={{ width: 320 }}
            value={q} onChange={(e) => setQ(e.target.value)} onSearch={load} />
          <Segmented size="large" value={cert} onChange={(v) => setCert(v as CertFilter)} options={[
            { value: 'all', label: t('全部', 'All') }, { value: 'attention', label: t('需换证', 'Due for renewal') }, { value: 'expired', label: t('已过期', 'Expired') },
          ]} />
          <Space><Switch checked={inactive} onChange={setInactive} aria-label={t('含已停用', 'Include inactive')} />{t('含已停用', 'Include inactive')}</Space>
          {write && <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('登记从业人员', 'Register a worker')}</Button>}
        </Space>
        <Table<Worker> rowKey="id" loading={!rows} dataSource={shown} pagination={{ pageSize: 30, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('还没有登记从业人员', 'No workers registered yet')} /> }}
          onRow={(w) => ({ onClick: () => setOpenId(w.id), style: { cursor: 'pointer', opacity: w.active ? 1 : 0.5 } })}
          columns={[
            { title: '', key: 'photo', width: 56, render: (_: unknown, w) => <WorkerAvatar id={w.id} name={w.name} photoAt={w.photoAt} /> },
            { title: t('姓名', 'Name'), dataIndex: 'name', render: (v: string, w) => <span style={{ fontSize: 16 }}>{v}{!w.active && <Typography.Text type="secondary">{t('（已停用）', ' (inactive)')}</Typography.Text>}</span> },
            { title: t('岗位', 'Job'), dataIndex: 'job', render: jobLabel },
            { title: t('用工单位', 'Employer'), dataIndex: 'employer', ellipsis: true },
            { title: t('工牌号', 'Badge'), dataIndex: 'badge', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('健康证号', 'Certificate'), key: 'certNo', render: (_: unknown, w) => w.certificate.no },
            { title: t('有效期至', 'Valid until'), key: 'until', sorter: (a, b) => a.certificate.validUntil.localeCompare(b.certificate.validUntil), render: (_: unknown, w) => w.certificate.validUntil },
            { title: t('健康证状态', 'Certificate status'), key: 'status', render: (_: unknown, w) => <CertificateTag certificate={w.certificate} /> },
          ]} />
      </Card>
      {creating && canteenId && <WorkerForm canteenId={canteenId} onClose={(created) => { setCreating(false); load(); if (created) setOpenId(created.id); }} />}
      <Drawer open={openId !== null} onClose={() => { setOpenId(null); load(); }} size={640} title={t('从业人员', 'Worker')} destroyOnHidden>
        {openId !== null && <WorkerDetailPanel id={openId} write={write} onChanged={load} />}
      </Drawer>
    </Plain>
  );
}

const certRules = () => ({
  no: [{ required: true, whitespace: true, message: t('请填写健康证编号', 'Enter the certificate number') }, { max: 40 }],
  issuedOn: [{ required: true, message: t('请选择发证日期', 'Choose the issue date') }],
});

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Register a worker (with the health certificate) or edit one. */
function WorkerForm({ canteenId, worker, onClose }: { canteenId: number; worker?: WorkerDetail; onClose: (saved: WorkerDetail | null) => void }) {
  const [form] = Form.useForm();
  const saved = useRef<WorkerDetail | null>(null);
  const { busy, error, submit } = useDialogSave(form, () => onClose(saved.current));
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const base = { name: v.name, employer: v.employer ?? '', job: v.job, badge: String(v.badge).trim(), phone: v.phone ?? '' };
    await submit(async () => {
      saved.current = worker
        ? await workerApi.update(worker.id, { ...base, active: v.active })
        : await workerApi.create({ canteenId, ...base, certificate: { no: v.certNo, issuedOn: day(v.issuedOn)!, validUntil: day(v.validUntil) } });
    });
  };
  return (
    <Modal open title={worker ? t('编辑从业人员', 'Edit worker') : t('登记从业人员', 'Register a worker')} onCancel={() => onClose(null)} onOk={save}
      confirmLoading={busy} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} width={620}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" size="large" initialValues={worker ? { ...worker } : { job: 'chef', active: true }}>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="name" label={t('姓名', 'Name')} style={{ flex: 1 }} rules={[{ required: true, whitespace: true, message: t('请填写姓名', 'Enter the name') }, { max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="job" label={t('岗位', 'Job')} style={{ flex: 1 }} rules={[{ required: true }]}>
            <Select options={JOBS.map((j) => ({ value: j.value, label: t(j.zh, j.en) }))} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="employer" label={t('用工单位（餐饮公司）', 'Employer (catering company)')} rules={[{ max: 80 }]}>
          <Input placeholder={t('如 台州市膳源餐饮管理有限公司', 'e.g. the catering contractor')} />
        </Form.Item>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="badge" label={t('工牌号（晨检仪识别）', 'Badge (read by the check kiosk)')} style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, message: t('请填写工牌号', 'Enter the badge') }, { pattern: /^[A-Za-z0-9_-]+$/, message: t('只能包含字母、数字、- 和 _', 'Letters, digits, - and _ only') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('电话', 'Phone')} style={{ flex: 1 }} rules={[{ pattern: /^[0-9+\- ]*$/, message: t('只能包含数字、+、-', 'Digits, + and - only') }]}>
            <Input inputMode="tel" />
          </Form.Item>
        </Space.Compact>
        {worker ? (
          <Form.Item name="active" label={t('在岗', 'Working here')} valuePropName="checked"><Switch /></Form.Item>
        ) : (
          <>
            <Typography.Title level={5}>{t('健康证', 'Health certificate')}</Typography.Title>
            <Form.Item name="certNo" label={t('健康证编号', 'Certificate number')} rules={certRules().no}><Input /></Form.Item>
            <Space.Compact block style={{ gap: 12 }}>
              <Form.Item name="issuedOn" label={t('发证日期', 'Issued on')} style={{ flex: 1 }} rules={certRules().issuedOn}><DateInput style={{ width: '100%' }} /></Form.Item>
              <Form.Item name="validUntil" label={t('有效期至（默认一年）', 'Valid until (default: a year)')} style={{ flex: 1 }}><DateInput style={{ width: '100%' }} /></Form.Item>
            </Space.Compact>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** A new health certificate after the yearly check: its alerts clear at once. */
function RenewModal({ worker, onClose }: { worker: WorkerDetail; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm();
  const { busy, error, submit } = useDialogSave(form, () => onClose(true));
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await submit(() => workerApi.renew(worker.id, { no: v.no, issuedOn: day(v.issuedOn)!, validUntil: day(v.validUntil) }));
  };
  return (
    <Modal open title={t(`换发健康证 · ${worker.name}`, `Renewed certificate · ${worker.name}`)} onCancel={() => onClose(false)} onOk={save}
      confirmLoading={busy} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" size="large" initialValues={{ issuedOn: dayjs() }}>
        <Form.Item name="no" label={t('新健康证编号', 'New certificate number')} rules={certRules().no}><Input /></Form.Item>
        <Form.Item name="issuedOn" label={t('发证日期', 'Issued on')} rules={certRules().issuedOn}><DateInput style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="validUntil" label={t('有效期至（默认一年）', 'Valid until (default: a year)')}><DateInput style={{ width: '100%' }} /></Form.Item>
      </Form>
    </Modal>
  );
}

function WorkerDetailPanel({ id, write, onChanged }: { id: number; write: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [w, setW] = useState<WorkerDetail | null>(null);
  const [editing, setEditing] = useState(false);
  const [renewing, setRenewing] = useState(false);
  const [uploading, setUploading] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const load = () => void workerApi.get(id).then(setW, (e: Error) => message.error(e.message));
  useEffect(load, [id]);
  if (!w) return null;
  const upload = async (f: File | undefined) => {
    if (!f) return;
    setUploading(true);
    try {
      setW(await workerApi.uploadPhoto(w.id, f));
      message.success(t('照片已更新', 'Photo updated'));
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setUploading(false);
      if (file.current) file.current.value = '';
    }
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div style={{ display: 'flex', gap: 20, alignItems: 'center' }}>
        <WorkerAvatar id={w.id} name={w.name} photoAt={w.photoAt} size={120} radius={12} />
        <div style={{ flex: 1 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{w.name}</Typography.Title>
          <Typography.Text style={{ fontSize: 16 }}>{jobLabel(w.job)} · {w.employer || t('（未填用工单位）', '(no employer given)')}</Typography.Text>
          <div style={{ marginTop: 8 }}><CertificateTag certificate={w.certificate} style={{ fontSize: 16, padding: '2px 10px' }} /></div>
        </div>
      </div>
      {write && (
        <Space wrap>
          <input ref={file} type="file" accept="image/jpeg,image/png,image/webp" capture="user" hidden aria-label={t('选择照片', 'Choose a photo')} onChange={(e) => void upload(e.target.files?.[0])} />
          <Button size="large" icon={<CameraOutlined />} loading={uploading} onClick={() => file.current?.click()}>{w.photoAt ? t('更换照片', 'Replace photo') : t('上传照片', 'Upload photo')}</Button>
          <Button size="large" type={w.certificate.status === 'valid' ? 'default' : 'primary'} icon={<SafetyCertificateOutlined />} onClick={() => setRenewing(true)}>{t('换发健康证', 'Renew certificate')}</Button>
          <Button size="large" onClick={() => setEditing(true)}>{t('编辑', 'Edit')}</Button>
        </Space>
      )}
      {w.certificate.status === 'expired' && (
        <Alert type="error" showIcon title={t('健康证已过期：晨检不能判为合格，不得上岗。请尽快体检换证。', 'Health certificate expired: the morning check cannot pass this worker. Renew it after the health check.')} />
      )}
      <Descriptions column={1} bordered size="middle" items={[
        { label: t('工牌号', 'Badge'), children: <Typography.Text code>{w.badge}</Typography.Text> },
        { label: t('电话', 'Phone'), children: w.phone || '—' },
        { label: t('食堂', 'Canteen'), children: w.canteenName },
        { label: t('健康证编号', 'Certificate number'), children: w.certificate.no },
        { label: t('发证日期', 'Issued on'), children: w.certificate.issuedOn },
        { label: t('有效期至', 'Valid until'), children: w.certificate.validUntil },
        { label: t('状态', 'Status'), children: w.active ? t('在岗', 'Working here') : t('已停用', 'Inactive') },
      ]} />
      <div>
        <Typography.Title level={5}>{t('健康证记录', 'Certificates on record')}</Typography.Title>
        <Table rowKey="id" size="small" pagination={false} dataSource={w.certificates} columns={[
          { title: t('编号', 'Number'), dataIndex: 'no' },
          { title: t('发证', 'Issued'), dataIndex: 'issuedOn' },
          { title: t('有效期至', 'Valid until'), dataIndex: 'validUntil' },
          { title: t('登记', 'Recorded'), key: 'by', render: (_: unknown, c) => `${dateTime(c.recordedAt)} ${c.recordedByName ?? ''}` },
        ]} />
      </div>
      {editing && <WorkerForm canteenId={w.orgId} worker={w} onClose={(saved) => { setEditing(false); if (saved) { setW(saved); onChanged(); } }} />}
      {renewing && <RenewModal worker={w} onClose={(saved) => { setRenewing(false); if (saved) { load(); onChanged(); } }} />}
    </Space>
  );
}
