import { LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { Plain, useDialogSave } from '../ingredient/shared.tsx';
import { createCamera, listCameras, rotateCameraToken, updateCamera, type Camera } from './api.ts';

/**
 * /monitoring/cameras — the canteen's cameras: live views (the NVR vendor's HLS or web link, public
 * ones also in the open kitchen 阳光厨房) and the tokens their camera system signs events with.
 */
export function CamerasPage() {
  useLang();
  const { canteenId, can } = useSession();
  const { message } = App.useApp();
  const manage = can('monitoring.camera.manage');
  const [rows, setRows] = useState<Camera[] | null>(null);
  const [editing, setEditing] = useState<Camera | 'new' | null>(null);
  const [issued, setIssued] = useState<{ camera: Camera; token: string } | null>(null);
  const load = () => {
    if (canteenId) listCameras(canteenId).then(setRows).catch((e) => message.error((e as Error).message));
  };
  useEffect(load, [canteenId]);
  return (
    <Plain>
      <Card title={t('摄像头与直播', 'Cameras and live views')} extra={manage && (
        <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('登记摄像头', 'Register a camera')}</Button>
      )}>
        <Table<Camera> rowKey="id" loading={!rows} dataSource={rows ?? []} pagination={false}
          locale={{ emptyText: <Empty description={t('还没有登记摄像头', 'No cameras yet')} /> }}
          columns={[
            { title: t('编码', 'Code'), dataIndex: 'code', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
            { title: t('名称', 'Name'), dataIndex: 'name' },
            { title: t('位置', 'Location'), dataIndex: 'location' },
            { title: t('直播', 'Live view'), dataIndex: 'liveUrl', render: (v: string | null) => (v
              ? <a href={v} target="_blank" rel="noreferrer noopener"><LinkOutlined /> {t('打开直播', 'Open the live view')}</a>
              : <Typography.Text type="secondary">{t('未设置', 'None')}</Typography.Text>) },
            { title: t('阳光厨房公开', 'In the open kitchen'), dataIndex: 'public', render: (v: boolean) => (v ? <Tag color="green">{t('公开', 'Public')}</Tag> : <Tag>{t('仅管理人员', 'Managers only')}</Tag>) },
            { title: t('状态', 'Status'), dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="success">{t('启用', 'Active')}</Tag> : <Tag>{t('已停用', 'Inactive')}</Tag>) },
            ...(manage ? [{
              title: '', key: 'actions', render: (_: unknown, c: Camera) => (
                <Space wrap>
                  <Button onClick={() => setEditing(c)}>{t('修改', 'Edit')}</Button>
                  <Popconfirm title={t('旧令牌将立即失效，摄像头系统需要填入新令牌', 'The old token stops working at once; the camera system needs the new one')}
                    okText={t('更换', 'Replace')} cancelText={t('取消', 'Cancel')}
                    onConfirm={() => rotateCameraToken(c.id).then(setIssued, (e) => message.error((e as Error).message))}>
                    <Button>{t('更换令牌', 'New token')}</Button>
                  </Popconfirm>
                </Space>
              ),
            }] : []),
          ]} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('摄像头系统（NVR/AI 盒子）把识别到的事件推送到 ', 'The camera system (NVR / AI box) posts its events to ')}
          <Typography.Text code>POST /api/monitoring/kitchen-events</Typography.Text>
          {t('，请求头 ', ' with the header ')}<Typography.Text code>Authorization: Bearer &lt;{t('摄像头令牌', 'camera token')}&gt;</Typography.Text>
          {t('，内容 ', ', body ')}<Typography.Text code>{'{ cameraCode, eventId, type, at, confidence, snapshot }'}</Typography.Text>
          {t('（snapshot 为 base64 JPEG；同一 eventId 只记一次）。', ' (snapshot: base64 JPEG; one record per eventId).')}
        </Typography.Paragraph>
      </Card>
      {editing && canteenId && (
        <CameraModal camera={editing === 'new' ? null : editing} canteenId={canteenId}
          onClose={(created) => { setEditing(null); if (created) setIssued(created); load(); }} />
      )}
      {issued && (
        <Modal open title={t(`${issued.camera.code} 的令牌`, `Token of ${issued.camera.code}`)} onCancel={() => setIssued(null)} width={640}
          footer={<Button type="primary" size="large" onClick={() => setIssued(null)}>{t('我已记下', 'I have noted it')}</Button>}>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }}
            title={t('令牌只显示这一次，请现在填入摄像头系统或记下。丢失后只能更换新令牌。', 'The token is shown only this once: enter it in the camera system or note it now. If lost, issue a new one.')} />
          <Typography.Paragraph copyable={{ text: issued.token }} style={{ fontFamily: 'monospace', fontSize: 22, wordBreak: 'break-all' }} aria-label={t('令牌', 'Token')}>
            {issued.token}
          </Typography.Paragraph>
        </Modal>
      )}
    </Plain>
  );
}

function CameraModal({ camera, canteenId, onClose }: { camera: Camera | null; canteenId: number; onClose: (created: { camera: Camera; token: string } | null) => void }) {
  const [form] = Form.useForm();
  const created = useRef<{ camera: Camera; token: string } | null>(null);
  const { busy, error, submit } = useDialogSave(form, () => onClose(created.current));
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const liveUrl = v.liveUrl?.trim() || null;
    await submit(async () => {
      if (camera) await updateCamera(camera.id, { name: v.name, location: v.location ?? '', liveUrl, public: !!v.public, active: !!v.active });
      else created.current = await createCamera({ canteenId, code: v.code.trim().toUpperCase(), name: v.name, location: v.location ?? '', liveUrl, public: !!v.public });
    });
  };
  return (
    <Modal open title={camera ? t(`修改 ${camera.code}`, `Edit ${camera.code}`) : t('登记摄像头', 'Register a camera')} onCancel={() => onClose(null)} onOk={save} confirmLoading={busy}
      okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={camera ?? { public: false, active: true }}>
        {!camera && (
          <Form.Item name="code" label={t('编码', 'Code')} extra={t('摄像头系统里的通道编码，如 CAM-YJZH-04', 'The channel code in the camera system, e.g. CAM-YJZH-04')}
            rules={[{ required: true, message: t('请填写编码', 'Enter a code') }, { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{2,39}$/, message: t('3–40 位字母、数字或连字符', '3–40 letters, digits or hyphens') }]}>
            <Input placeholder="CAM-YJZH-04" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, whitespace: true, message: t('请填写名称', 'Enter a name') }, { max: 60 }]}>
          <Input placeholder={t('热菜区', 'Hot kitchen')} />
        </Form.Item>
        <Form.Item name="location" label={t('位置', 'Location')} rules={[{ max: 60 }]}>
          <Input placeholder={t('后厨', 'Kitchen')} />
        </Form.Item>
        <Form.Item name="liveUrl" label={t('直播地址', 'Live view link')} extra={t('NVR 厂商提供的 HLS（.m3u8）或网页直播链接', 'The NVR vendor’s HLS (.m3u8) or web live-view link')}
          rules={[{ type: 'url', message: t('请填写 http(s) 链接', 'Enter an http(s) link') }]}>
          <Input placeholder="https://…" />
        </Form.Item>
        <Space size="large">
          <Form.Item name="public" label={t('在阳光厨房公开', 'Show in the open kitchen')} valuePropName="checked"><Switch /></Form.Item>
          {camera && <Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked"><Switch /></Form.Item>}
        </Space>
      </Form>
    </Modal>
  );
}
