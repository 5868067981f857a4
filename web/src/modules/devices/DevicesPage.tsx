import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { dateTime, Plain, useDialogSave } from '../ingredient/shared.tsx';
import { createDevice, gatewayStatus, listDevices, rotateToken, setActive, type Device, type GatewayStatus } from './api.ts';
import { LiveWeight } from './LiveWeight.tsx';

const KINDS: Record<string, { zh: string; en: string }> = {
  scale: { zh: '电子秤', en: 'Scale' },
  locker: { zh: '取餐柜', en: 'Pickup locker' },
  sensor: { zh: '温湿度传感器', en: 'Temperature sensor' },
  check_kiosk: { zh: '晨检仪', en: 'Morning-check kiosk' },
  sample_cabinet: { zh: '留样柜', en: 'Sample cabinet' },
};
const kindLabel = (k: string) => (KINDS[k] ? t(KINDS[k].zh, KINDS[k].en) : k);

/** /devices: the canteens' devices, their tokens, and the live reading of a scale to check it works. */
export function DevicesPage() {
  const { can, canteenId } = useSession();
  const { message } = App.useApp();
  const manage = can('devices.device.manage');
  const [rows, setRows] = useState<Device[]>([]);
  const [gateway, setGateway] = useState<GatewayStatus | null>(null);
  const [adding, setAdding] = useState(false);
  const [issued, setIssued] = useState<{ device: Device; token: string } | null>(null);
  const load = async () => {
    try { setRows(await listDevices()); } catch (e) { message.error((e as Error).message); }
  };
  useEffect(() => {
    void load();
    if (manage) gatewayStatus().then(setGateway, () => setGateway(null));
  }, [manage]);
  const act = async (request: () => Promise<unknown>) => {
    try { await request(); await load(); } catch (e) { message.error((e as Error).message); }
  };
  return (
    <Plain>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card title={t('设备', 'Devices')} extra={manage && (
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('登记设备', 'Register a device')}</Button>
        )}>
          <Table rowKey="id" dataSource={rows} pagination={false} columns={[
            { title: t('编码', 'Code'), dataIndex: 'code', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
            { title: t('名称', 'Name'), dataIndex: 'name' },
            { title: t('类型', 'Kind'), dataIndex: 'kind', render: kindLabel },
            { title: t('食堂', 'Canteen'), dataIndex: 'canteenName' },
            { title: t('状态', 'Status'), dataIndex: 'active', render: (v) => (v ? <Tag color="success">{t('启用', 'Active')}</Tag> : <Tag>{t('已停用', 'Inactive')}</Tag>) },
            { title: t('最近在线', 'Last seen'), dataIndex: 'lastSeenAt', render: dateTime },
            ...(manage ? [{
              title: '', key: 'actions', render: (_: unknown, d: Device) => (
                <Space wrap>
                  <Popconfirm title={t('旧令牌将立即失效，设备需要填入新令牌', 'The old token stops working at once; the device needs the new one')}
                    okText={t('更换', 'Replace')} cancelText={t('取消', 'Cancel')}
                    onConfirm={() => act(async () => setIssued(await rotateToken(d.id)))}>
                    <Button>{t('更换令牌', 'New token')}</Button>
                  </Popconfirm>
                  {d.active
                    ? <Button danger onClick={() => act(() => setActive(d.id, false))}>{t('停用', 'Deactivate')}</Button>
                    : <Button onClick={() => act(() => setActive(d.id, true))}>{t('启用', 'Activate')}</Button>}
                </Space>
              ),
            }] : []),
          ]} />
        </Card>
        {canteenId && (
          <Card title={t('实时读数', 'Live reading')}>
            {/* Keyed by the list, so a registered or deactivated scale shows up here at once. */}
            <LiveWeight key={rows.map((d) => `${d.id}${d.active}`).join()} canteenId={canteenId} />
          </Card>
        )}
      </Space>
      {adding && <AddDeviceModal onClose={(created) => { setAdding(false); if (created) { setIssued(created); void load(); } }} />}
      {issued && <TokenModal issued={issued} gateway={gateway} onClose={() => setIssued(null)} />}
    </Plain>
  );
}

function AddDeviceModal({ onClose }: { onClose: (created: { device: Device; token: string } | null) => void }) {
  const { me, canteenId } = useSession();
  const [form] = Form.useForm();
  const created = useRef<{ device: Device; token: string } | null>(null);
  const { busy, error, submit } = useDialogSave(form, () => onClose(created.current));
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await submit(async () => { created.current = await createDevice({ canteenId: v.canteenId, kind: v.kind, code: v.code.trim().toUpperCase(), name: v.name }); });
  };
  return (
    <Modal open title={t('登记设备', 'Register a device')} onCancel={() => onClose(null)} onOk={save} confirmLoading={busy}
      okText={t('登记', 'Register')} cancelText={t('取消', 'Cancel')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ canteenId, kind: 'scale', name: t('验收秤', 'Receiving scale') }}>
        <Form.Item name="canteenId" label={t('食堂', 'Canteen')} rules={[{ required: true, message: t('请选择食堂', 'Choose the canteen') }]}>
          <Select options={me!.canteens.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('类型', 'Kind')}>
          <Select options={Object.keys(KINDS).map((k) => ({ value: k, label: kindLabel(k) }))} />
        </Form.Item>
        <Form.Item name="code" label={t('编码', 'Code')} extra={t('贴在设备上的编号，如 SCALE-YJZH-02', 'The number on the device, e.g. SCALE-YJZH-02')}
          rules={[{ required: true, message: t('请填写编码', 'Enter a code') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{2,39}$/, message: t('3–40 位字母、数字或连字符', '3–40 letters, digits or hyphens') }]}>
          <Input placeholder="SCALE-YJZH-02" />
        </Form.Item>
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, whitespace: true, message: t('请填写名称', 'Enter a name') }, { max: 60 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The token exists only in this dialog: the server keeps a hash of it. */
function TokenModal({ issued, gateway, onClose }: { issued: { device: Device; token: string }; gateway: GatewayStatus | null; onClose: () => void }) {
  const { device, token } = issued;
  const mqtt = gateway?.mqtt?.embedded ? `mqtt://${location.hostname}:${gateway.mqtt.port}` : gateway?.mqtt?.url;
  return (
    <Modal open title={t(`${device.code} 的令牌`, `Token of ${device.code}`)} onCancel={onClose} width={640}
      footer={<Button type="primary" size="large" onClick={onClose}>{t('我已记下', 'I have noted it')}</Button>}>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }}
        title={t('令牌只显示这一次，请现在填入设备或记下。丢失后只能更换新令牌。', 'The token is shown only this once: enter it in the device or note it now. If lost, issue a new one.')} />
      <Typography.Paragraph copyable={{ text: token }} style={{ fontFamily: 'monospace', fontSize: 22, wordBreak: 'break-all' }} aria-label={t('令牌', 'Token')}>
        {token}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {mqtt && <>{t('MQTT 地址：', 'MQTT address: ')}<Typography.Text code>{mqtt}</Typography.Text><br /></>}
        {t('用户名：', 'User name: ')}<Typography.Text code>{device.code}</Typography.Text>　{t('密码：上面的令牌', 'Password: the token above')}<br />
        {t('读数主题：', 'Reading topic: ')}<Typography.Text code>{`sl/devices/${device.code}/reading`}</Typography.Text><br />
        {t('不支持 MQTT 的设备：', 'Devices without MQTT: ')}<Typography.Text code>POST /api/devices/readings</Typography.Text>{t('，请求头', ' with headers')} <Typography.Text code>x-device-code</Typography.Text>, <Typography.Text code>x-device-token</Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
