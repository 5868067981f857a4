import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Form, InputNumber, Modal, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { Plain, useDialogSave } from '../ingredient/shared.tsx';
import { Chart } from '../report/chart.tsx';
import { listPlaces, listSensors, rangeText, saveProfile, sensorHistory, type Place, type Sensor, type SensorHistory, type SensorStatus } from './api.ts';

const STATUS: Record<SensorStatus, { zh: string; en: string; color: string; tag: string }> = {
  ok: { zh: '正常', en: 'OK', color: '#237804', tag: 'success' },
  holding: { zh: '超限（延时中）', en: 'Out of range (holding)', color: '#d46b08', tag: 'warning' },
  alert: { zh: '超限报警', en: 'Out of range', color: '#cf1322', tag: 'error' },
  no_profile: { zh: '未设阈值', en: 'No thresholds', color: '#595959', tag: 'default' },
  no_reading: { zh: '无读数', en: 'No reading', color: '#8c8c8c', tag: 'default' },
  stale: { zh: '离线', en: 'Offline', color: '#8c8c8c', tag: 'default' },
};

const ago = (iso: string | null) => {
  if (!iso) return '—';
  const min = Math.max(0, dayjs().diff(dayjs(iso), 'minute'));
  if (min < 1) return t('刚刚', 'just now');
  if (min < 60) return t(`${min} 分钟前`, `${min} min ago`);
  return dayjs(iso).format('MM-DD HH:mm');
};

/** /monitoring — the current canteen's cold rooms, freezers, fridges and 专间: values now, thresholds, 24 h / 7 d charts. */
export function SensorsPage() {
  useLang();
  const { canteenId, can } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [sensors, setSensors] = useState<Sensor[] | null>(null);
  const [places, setPlaces] = useState<Place[]>([]);
  const [editing, setEditing] = useState<Sensor | null>(null);
  const selectedId = Number(params.get('sensor')) || sensors?.[0]?.deviceId || null;
  const selected = sensors?.find((s) => s.deviceId === selectedId) ?? null;

  const load = () => {
    if (!canteenId) return;
    listSensors(canteenId).then(setSensors).catch((e) => message.error((e as Error).message));
  };
  useEffect(() => {
    setSensors(null);
    load();
    // Readings arrive every few seconds; the cards follow them.
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [canteenId]);
  useEffect(() => {
    listPlaces().then(setPlaces).catch(() => setPlaces([]));
  }, []);
  const placeName = (key: string) => {
    const p = places.find((x) => x.key === key);
    return p ? t(p.zh, p.en) : key;
  };
  const problems = sensors?.filter((s) => s.status === 'alert').length ?? 0;

  return (
    <Plain>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('温湿度监控', 'Temperature monitoring')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('冷藏 0–8 °C、冷冻 ≤ −18 °C（法规下限 −12 °C）、专间 ≤ 25 °C，可按每个传感器调整；超出范围持续到设定的延时即报警，恢复正常后自动解除。',
          'Chilled 0–8 °C, frozen ≤ −18 °C (the rules’ limit is −12 °C), 专间 ≤ 25 °C, adjustable per sensor; out of range for the hold time raises an alert, back in range resolves it.')}
      </Typography.Paragraph>
      {problems > 0 && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t(`${problems} 个传感器超出范围`, `${problems} sensor(s) out of range`)} />}
      {sensors && !sensors.length && (
        <Empty description={t('本食堂还没有温湿度传感器：在“设备”页登记类型为“温湿度传感器”的设备', 'No temperature sensors here yet: register a device of kind “Temperature sensor” on the Devices page')} />
      )}
      <Row gutter={[16, 16]}>
        {sensors?.map((s) => {
          const st = STATUS[s.status];
          const range = rangeText(s.minC, s.maxC);
          return (
            <Col key={s.deviceId} xs={24} sm={12} lg={8} xxl={6}>
              <Card hoverable size="small" onClick={() => setParams({ sensor: String(s.deviceId) })} aria-label={s.name}
                style={{ borderColor: s.deviceId === selectedId ? '#1677ff' : undefined, borderWidth: s.deviceId === selectedId ? 2 : 1 }}>
                <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
                  <div>
                    <Typography.Text strong style={{ fontSize: 16 }}>{s.name}</Typography.Text>
                    <div><Typography.Text type="secondary">{placeName(s.place)} · {s.code}</Typography.Text></div>
                  </div>
                  <Tag color={st.tag} style={{ fontSize: 14, marginInlineEnd: 0 }}>{t(st.zh, st.en)}</Tag>
                </Space>
                <div style={{ fontSize: 40, fontWeight: 600, lineHeight: 1.3, color: st.color, margin: '6px 0' }} aria-label={t('温度', 'Temperature')}>
                  {s.temperatureC === null ? '—' : `${s.temperatureC.toFixed(1).replace('-', '−')} °C`}
                  {s.humidityPct !== null && <span style={{ fontSize: 18, fontWeight: 400, color: '#595959', marginLeft: 12 }}>{Math.round(s.humidityPct)}%</span>}
                </div>
                <Typography.Text type="secondary">
                  {range ? t(`范围 ${range}`, `Range ${range}`) : t('未设范围', 'No range')}
                  {s.holdMinutes > 0 && t(` · 延时 ${s.holdMinutes} 分钟`, ` · hold ${s.holdMinutes} min`)}
                  {' · '}{ago(s.at)}
                </Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>
      {selected && canteenId && (
        <HistoryCard key={selected.deviceId} sensor={selected} canteenId={canteenId} placeName={placeName(selected.place)}
          onEdit={can('monitoring.sensor.manage') ? () => setEditing(selected) : undefined} />
      )}
      {editing && canteenId && (
        <ProfileModal sensor={editing} canteenId={canteenId} places={places} onClose={(saved) => { setEditing(null); if (saved) load(); }} />
      )}
    </Plain>
  );
}

function HistoryCard({ sensor, canteenId, placeName, onEdit }: { sensor: Sensor; canteenId: number; placeName: string; onEdit?: () => void }) {
  const [range, setRange] = useState<'24h' | '7d'>('24h');
  const [h, setH] = useState<SensorHistory | null>(null);
  useEffect(() => {
    setH(null);
    sensorHistory(sensor.deviceId, canteenId, range).then(setH).catch(() => setH(null));
  }, [sensor.deviceId, canteenId, range, sensor.minC, sensor.maxC]);
  const option = useMemo(() => h && chartOption(h), [h]);
  return (
    <Card style={{ marginTop: 16 }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t(`${sensor.name}（${placeName}）温度曲线`, `${sensor.name} (${placeName}) temperature`)}</Typography.Title>
        <Space wrap>
          <Segmented value={range} onChange={(v) => setRange(v as '24h' | '7d')} options={[{ value: '24h', label: t('24 小时', '24 hours') }, { value: '7d', label: t('7 天', '7 days') }]} />
          {onEdit && <Button icon={<EditOutlined />} onClick={onEdit}>{t('设置阈值', 'Thresholds')}</Button>}
        </Space>
      </Space>
      {h && !h.points.length && <Empty description={t('这段时间没有读数', 'No readings in this period')} />}
      {option && h!.points.length > 0 && (
        <Chart height={320} option={option} label={t(`${sensor.name} 的温度曲线`, `Temperature of ${sensor.name}`)} />
      )}
      <Typography.Text type="secondary">
        {range === '24h' ? t('每分钟的最低、最高（浅色带）与平均温度；', 'Each minute’s lowest and highest (band) and average temperature; ')
          : t('每 10 分钟的最低、最高（浅色带）与平均温度；', 'Each 10 minutes’ lowest and highest (band) and average temperature; ')}
        {t('绿色为允许范围。', 'green is the allowed range.')}
      </Typography.Text>
    </Card>
  );
}

function chartOption(h: SensorHistory): Record<string, unknown> {
  const pts = h.points;
  const lo = Math.min(...pts.map((p) => p.minC), h.minC ?? Infinity);
  const hi = Math.max(...pts.map((p) => p.maxC), h.maxC ?? -Infinity);
  const humidity = pts.some((p) => p.humidityPct !== null);
  const byTime = new Map(pts.map((p) => [new Date(p.t).getTime(), p]));
  return {
    grid: { left: 56, right: humidity ? 56 : 24, top: 36, bottom: 56 },
    legend: { top: 0, data: [t('平均温度', 'Average'), t('最低–最高', 'Low–high'), ...(humidity ? [t('湿度', 'Humidity')] : [])] },
    tooltip: {
      trigger: 'axis',
      formatter: (items: { value: [number, number] }[]) => {
        const p = byTime.get(items[0]!.value[0]);
        if (!p) return '';
        return `${dayjs(p.t).format('MM-DD HH:mm')}<br/>${t('平均', 'avg')} ${p.avgC} °C<br/>${t('最低', 'low')} ${p.minC} °C · ${t('最高', 'high')} ${p.maxC} °C${p.humidityPct !== null ? `<br/>${t('湿度', 'humidity')} ${p.humidityPct}%` : ''}`;
      },
    },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    xAxis: { type: 'time' },
    yAxis: [
      { type: 'value', name: '°C', min: Math.floor(lo - 1), max: Math.ceil(hi + 1) },
      ...(humidity ? [{ type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } }] : []),
    ],
    series: [
      { name: 'low', type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, data: pts.map((p) => [p.t, p.minC]), tooltip: { show: false } },
      { name: t('最低–最高', 'Low–high'), type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, color: 'rgba(22,119,255,0.35)', areaStyle: { color: 'rgba(22,119,255,0.18)' },
        data: pts.map((p) => [p.t, Math.round((p.maxC - p.minC) * 10) / 10]) },
      {
        name: t('平均温度', 'Average'), type: 'line', symbol: 'none', color: '#1677ff', lineStyle: { width: 2 }, data: pts.map((p) => [p.t, p.avgC]),
        markArea: h.minC !== null || h.maxC !== null ? { silent: true, itemStyle: { color: 'rgba(35,120,4,0.08)' }, data: [[{ yAxis: h.minC ?? Math.floor(lo - 1) }, { yAxis: h.maxC ?? Math.ceil(hi + 1) }]] } : undefined,
        markLine: { silent: true, symbol: 'none', lineStyle: { color: '#cf1322', type: 'dashed' }, label: { position: 'insideStartTop', formatter: '{c} °C', color: '#cf1322' },
          data: [h.minC, h.maxC].filter((v): v is number => v !== null).map((v) => ({ yAxis: v })) },
      },
      ...(humidity ? [{ name: t('湿度', 'Humidity'), type: 'line', yAxisIndex: 1, symbol: 'none', color: '#8c8c8c', lineStyle: { width: 1, type: 'dotted' }, data: pts.map((p) => [p.t, p.humidityPct]) }] : []),
    ],
  };
}

function ProfileModal({ sensor, canteenId, places, onClose }: { sensor: Sensor; canteenId: number; places: Place[]; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm();
  const { busy, error, submit } = useDialogSave(form, () => onClose(true));
  const usePlace = (key: string) => {
    const p = places.find((x) => x.key === key);
    if (p) form.setFieldsValue({ minC: p.minC, maxC: p.maxC });
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await submit(() => saveProfile(sensor.deviceId, { canteenId, place: v.place, minC: v.minC ?? null, maxC: v.maxC ?? null, maxHumidityPct: v.maxHumidityPct ?? null, holdMinutes: v.holdMinutes ?? 0 }));
  };
  return (
    <Modal open title={t(`${sensor.name} 的监控设置`, `Monitoring of ${sensor.name}`)} onCancel={() => onClose(false)} onOk={save} confirmLoading={busy}
      okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ place: sensor.place, minC: sensor.minC, maxC: sensor.maxC, maxHumidityPct: sensor.maxHumidityPct, holdMinutes: sensor.holdMinutes }}>
        <Form.Item name="place" label={t('位置', 'Place')} extra={t('换位置会填入该位置的默认范围', 'A new place fills in its default range')}>
          <Select onChange={usePlace} options={places.map((p) => ({ value: p.key, label: `${t(p.zh, p.en)}${rangeText(p.minC, p.maxC) ? `（${rangeText(p.minC, p.maxC)}）` : ''}` }))} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="minC" label={t('最低温度 °C', 'Lowest °C')} extra={t('留空为不设下限', 'Empty: no lower limit')}>
            <InputNumber step={0.5} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="maxC" label={t('最高温度 °C', 'Highest °C')} extra={t('留空为不设上限', 'Empty: no upper limit')}>
            <InputNumber step={0.5} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item name="maxHumidityPct" label={t('湿度上限 %', 'Highest humidity %')} extra={t('可不设', 'Optional')}>
            <InputNumber min={1} max={100} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="holdMinutes" label={t('延时报警（分钟）', 'Hold before alerting (min)')} extra={t('开门取货等短时超限不报警；0 为立即报警', 'Brief excursions (a door opened) do not alarm; 0 = at once')}>
            <InputNumber min={0} max={240} style={{ width: 160 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
