import { CameraOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Image, Input, InputNumber, Modal, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { t, useLang } from '../../i18n.ts';
import { shrinkPhoto } from '../../photo.ts';
import { useSession } from '../../session.tsx';
import { labelOf } from '../../shell/labels.tsx';
import { listDevices } from '../devices/api.ts';
import { LiveWeight } from '../devices/LiveWeight.tsx';
import { Chart } from '../report/chart.tsx';
import { newRequestKey } from '../stock/shared.tsx';
import { chinaTime, inspectionApi, todayInChina, WASTE_MEALS, wastePhotoUrl, type Trend, type WasteRecord } from './api.ts';

const kg = (g: number) => (g / 1000).toFixed(1);
/** The meal just served: weighing follows the meal. */
const mealNow = () => {
  const h = new Date(Date.now() + 8 * 3600_000).getUTCHours();
  return h < 10 ? 'breakfast' : h < 16 ? 'lunch' : h < 21 ? 'dinner' : 'late';
};
const COLLECTOR_KEY = 'waste.collector';

/** /waste — 泔水: each meal's waste weighed with a watermarked photo and who took it; grams per diner over 30 or 90 days. */
export function WastePage() {
  useLang();
  const { canteenId, can } = useSession();
  const [version, setVersion] = useState(0);
  if (!canteenId) return <Empty description={t('请选择食堂', 'Choose a canteen')} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('泔水称重', 'Kitchen waste')}</Typography.Title>
      <TrendCard key={`${canteenId}-${version}`} canteenId={canteenId} />
      {can('inspection.waste.write') && <RecordCard canteenId={canteenId} onSaved={() => setVersion((v) => v + 1)} />}
      <Records key={`r-${canteenId}-${version}`} canteenId={canteenId} onChange={() => setVersion((v) => v + 1)} />
    </Space>
  );
}

function TrendCard({ canteenId }: { canteenId: number }) {
  const [days, setDays] = useState<30 | 90>(30);
  const [trend, setTrend] = useState<Trend | null>(null);
  useEffect(() => { inspectionApi.trend(canteenId, days).then(setTrend).catch(() => setTrend(null)); }, [canteenId, days]);
  const option = trend && {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('人均泔水（克/人次）', 'Per diner (g)'), t('泔水总量（千克）', 'Total (kg)')] },
    grid: { left: 56, right: 56, top: 56, bottom: 30 },
    xAxis: { type: 'category', data: trend.days.map((d) => d.date.slice(5)) },
    yAxis: [
      { type: 'value', name: t('克/人次', 'g / diner'), min: 0 },
      { type: 'value', name: 'kg', min: 0, splitLine: { show: false } },
    ],
    series: [
      { name: t('泔水总量（千克）', 'Total (kg)'), type: 'bar', yAxisIndex: 1, itemStyle: { color: '#d9e6df' }, data: trend.days.map((d) => (d.grams ? Number(kg(d.grams)) : null)) },
      { name: t('人均泔水（克/人次）', 'Per diner (g)'), type: 'line', smooth: true, symbolSize: 6, itemStyle: { color: '#1f6f5c' }, lineStyle: { width: 3 }, data: trend.days.map((d) => d.gramsPerDiner) },
    ],
  };
  return (
    <Card title={t('人均泔水趋势', 'Waste per diner')} extra={<Segmented value={days} onChange={(v) => setDays(v as 30 | 90)} options={[{ value: 30, label: t('30 天', '30 days') }, { value: 90, label: t('90 天', '90 days') }]} />}>
      {trend && (
        <Row gutter={24} style={{ marginBottom: 8 }}>
          <Col><Statistic title={t('人均（克/人次）', 'Per diner (g)')} value={trend.gramsPerDiner ?? '—'} /></Col>
          <Col><Statistic title={t('总量（千克）', 'Total (kg)')} value={kg(trend.totalGrams)} /></Col>
          <Col><Typography.Paragraph type="secondary" style={{ maxWidth: 520, marginTop: 8 }}>
            {t('人均 = 称重餐次的泔水 ÷ 这些餐次结算台的就餐人次；没有结算记录的日子只计总量。', 'Per diner = waste of the weighed meals ÷ the diners the checkout counted at those meals; days without checkout sales count in the total only.')}
          </Typography.Paragraph></Col>
        </Row>
      )}
      {option ? <Chart option={option} height={300} label={t('人均泔水趋势图', 'Chart of waste per diner')} /> : <Empty />}
    </Card>
  );
}

function RecordCard({ canteenId, onSaved }: { canteenId: number; onSaved: () => void }) {
  const { message } = App.useApp();
  const [date, setDate] = useState(dayjs(todayInChina()));
  const [meal, setMeal] = useState(mealNow());
  const [how, setHow] = useState<'typed' | 'scale'>('typed');
  const [typedKg, setTypedKg] = useState<number | null>(null);
  const [scale, setScale] = useState<{ id: number; grams: number } | null>(null);
  const [photo, setPhoto] = useState<{ blob: Blob; url: string } | null>(null);
  const [collector, setCollector] = useState(localStorage.getItem(COLLECTOR_KEY) ?? '');
  const [licenceNo, setLicenceNo] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const key = useRef(newRequestKey());
  const weightOk = how === 'typed' ? !!typedKg && typedKg > 0 : !!scale;
  const pick = async (f?: File) => {
    if (!f) return;
    const blob = await shrinkPhoto(f);
    setPhoto({ blob, url: URL.createObjectURL(blob) });
  };
  const useScale = async (grams: number, s: { code: string }) => {
    const device = (await listDevices(canteenId)).find((d) => d.code === s.code);
    if (device) setScale({ id: device.id, grams });
  };
  const save = async () => {
    setBusy(true);
    try {
      const r = await inspectionApi.recordWaste({
        canteenId, date: date.format('YYYY-MM-DD'), meal, collector: collector.trim(), licenceNo: licenceNo.trim(), note: note.trim(), requestKey: key.current,
        ...(how === 'typed' ? { grams: Math.round((typedKg ?? 0) * 1000) } : { scaleDeviceId: scale!.id }),
      }, photo!.blob);
      localStorage.setItem(COLLECTOR_KEY, collector.trim());
      message.success(t(`已登记 ${kg(r.grams)} 千克`, `Recorded ${kg(r.grams)} kg`));
      key.current = newRequestKey();
      setTypedKg(null);
      setScale(null);
      setPhoto(null);
      setNote('');
      onSaved();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('登记泔水', 'Record waste')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap size="middle">
          <DatePicker size="large" allowClear={false} value={date} onChange={(d) => d && setDate(d)} disabledDate={(d) => d.isAfter(dayjs(todayInChina()), 'day')} aria-label={t('日期', 'Date')} />
          <Segmented size="large" value={meal} onChange={(v) => setMeal(String(v))} options={WASTE_MEALS.map((m) => ({ value: m.value, label: t(m.zh, m.en) }))} />
          <Segmented size="large" value={how} onChange={(v) => setHow(v as 'typed' | 'scale')} options={[{ value: 'typed', label: t('输入重量', 'Type the weight') }, { value: 'scale', label: t('读取秤', 'From the scale') }]} />
        </Space>
        {how === 'typed'
          ? <InputNumber size="large" min={0.1} max={2000} step={0.1} precision={1} value={typedKg} onChange={setTypedKg} addonAfter={t('千克', 'kg')} style={{ width: 220 }} aria-label={t('重量（千克）', 'Weight (kg)')} />
          : (
            <div>
              <LiveWeight canteenId={canteenId} onUse={(g, s) => void useScale(g, s)} />
              {scale && <Typography.Text strong style={{ fontSize: 16 }}>{t(`将记录秤上的稳定读数（当前 ${kg(scale.grams)} 千克），保存时由服务器读取`, `The scale’s stable weight is taken on saving (now ${kg(scale.grams)} kg)`)}</Typography.Text>}
            </div>
          )}
        <Space wrap align="start" size="middle">
          <input ref={file} type="file" accept="image/*" capture="environment" hidden aria-label={t('泔水照片', 'Photo of the waste')} onChange={(e) => void pick(e.target.files?.[0])} />
          <Button size="large" icon={<CameraOutlined />} onClick={() => file.current?.click()}>{photo ? t('重拍', 'Retake') : t('拍照', 'Take a photo')}</Button>
          {photo && <Image src={photo.url} width={120} height={90} style={{ objectFit: 'cover', borderRadius: 6 }} alt={t('待上传的照片', 'Photo to upload')} />}
          <Typography.Text type="secondary" style={{ maxWidth: 360, display: 'inline-block' }}>{t('照片由服务器加上时间、地点、登记人水印后保存，不保留原图。', 'The server stamps time, place and who on the photo and keeps only that.')}</Typography.Text>
        </Space>
        <Space wrap size="middle">
          <Input size="large" value={collector} onChange={(e) => setCollector(e.target.value)} placeholder={t('收运单位或收运人', 'Collector')} style={{ width: 300 }} aria-label={t('收运单位或收运人', 'Collector')} />
          <Input size="large" value={licenceNo} onChange={(e) => setLicenceNo(e.target.value)} placeholder={t('收运许可证号（可选）', 'Licence no. (optional)')} style={{ width: 240 }} aria-label={t('收运许可证号', 'Licence no.')} />
          <Input size="large" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('备注（可选）', 'Note (optional)')} style={{ width: 260 }} aria-label={t('备注', 'Note')} />
        </Space>
        <Button type="primary" size="large" loading={busy} disabled={!weightOk || !photo || !collector.trim()} onClick={save} style={{ minWidth: 160 }}>{t('保存', 'Save')}</Button>
      </Space>
    </Card>
  );
}

function Records({ canteenId, onChange }: { canteenId: number; onChange: () => void }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [rows, setRows] = useState<WasteRecord[] | null>(null);
  const [voiding, setVoiding] = useState<WasteRecord | null>(null);
  const [reason, setReason] = useState('');
  useEffect(() => { inspectionApi.waste(canteenId).then((r) => setRows(r.records)).catch(() => setRows([])); }, [canteenId]);
  const doVoid = async () => {
    try {
      await inspectionApi.voidWaste(voiding!.id, reason.trim());
      setVoiding(null);
      setReason('');
      onChange();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const struck = (r: WasteRecord) => (r.voided ? { textDecoration: 'line-through', color: '#999' } : undefined);
  return (
    <Card title={t('近 30 天记录', 'The last 30 days')}>
      <Table<WasteRecord> rowKey="id" loading={!rows} dataSource={rows ?? []} pagination={{ pageSize: 15, hideOnSinglePage: true }} size="middle"
        columns={[
          { title: t('日期', 'Date'), dataIndex: 'date', width: 120, render: (v: string, r) => <span style={struck(r)}>{v}</span> },
          { title: t('餐次', 'Meal'), dataIndex: 'meal', width: 80, render: (v: string) => labelOf(WASTE_MEALS, v) },
          { title: t('重量（千克）', 'Weight (kg)'), dataIndex: 'grams', width: 120, align: 'right', render: (v: number, r) => <span style={{ ...struck(r), fontVariantNumeric: 'tabular-nums' }}>{kg(v)}</span> },
          { title: t('来源', 'Source'), dataIndex: 'source', width: 90, render: (v: string) => <Tag>{v === 'scale' ? t('秤', 'Scale') : t('输入', 'Typed')}</Tag> },
          { title: t('收运', 'Collector'), key: 'collector', render: (_: unknown, r) => <span>{r.collector}{r.licenceNo && <><br /><Typography.Text type="secondary">{r.licenceNo}</Typography.Text></>}</span> },
          { title: t('登记人', 'By'), key: 'by', width: 150, render: (_: unknown, r) => <span>{r.recordedByName}<br /><Typography.Text type="secondary">{chinaTime(r.recordedAt)}</Typography.Text></span> },
          { title: t('照片', 'Photo'), key: 'photo', width: 90, render: (_: unknown, r) => (r.photoIds.length
            ? <Image src={wastePhotoUrl(r.photoIds[0]!)} width={64} height={48} style={{ objectFit: 'cover', borderRadius: 4 }} alt={t('称重照片', 'Weighing photo')} />
            : <Typography.Text type="secondary">{r.note?.startsWith('纸质台账') ? t('纸质台账', 'Paper') : '—'}</Typography.Text>) },
          { title: '', key: 'act', width: 150, render: (_: unknown, r) => (r.voided
            ? <Typography.Text type="secondary">{t('已作废：', 'Voided: ')}{r.voidReason}</Typography.Text>
            : can('inspection.waste.write') && <Button onClick={() => setVoiding(r)}>{t('作废', 'Void')}</Button>) },
        ]} />
      <Modal open={!!voiding} title={t('作废这条记录', 'Void this record')} onCancel={() => setVoiding(null)} onOk={doVoid} okButtonProps={{ danger: true, disabled: !reason.trim() }} okText={t('作废', 'Void')} cancelText={t('取消', 'Cancel')}>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('原因，例如：重量输错', 'Why, e.g. wrong weight')} aria-label={t('原因', 'Reason')} />
      </Modal>
    </Card>
  );
}
