import { CheckCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Col, InputNumber, Radio, Row, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { t } from '../../../i18n.ts';
import { LiveWeight } from '../../devices/LiveWeight.tsx';
import { categoryLabel, DateInput, unitLabel } from '../../ingredient/shared.tsx';
import { ReasonPicker } from '../ReasonPicker.tsx';
import { GRADES, KgInput, kg3, nameOf, RECEIPT_REASONS, type Decision } from '../shared.tsx';
import type { Draft } from './draft.ts';

const big = { fontSize: 20 };

function Section({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <div style={{ border: '1px solid #e5e5e5', borderRadius: 12, padding: '12px 14px', height: '100%', background: '#fcfcfc' }}>
      <Typography.Title level={5} style={{ marginTop: 0, fontSize: 19 }}>
        <span style={{ display: 'inline-block', width: 28, height: 28, lineHeight: '28px', borderRadius: 14, background: '#1f6f5c', color: '#fff', textAlign: 'center', marginRight: 8 }}>{n}</span>
        {title}
      </Typography.Title>
      {children}
    </div>
  );
}

/** How the weight compares with what is still to come on the order (2 % either way counts as matching). */
function Compare({ d }: { d: Draft }) {
  if (d.deliveredG == null || d.openG == null || !d.openG) return null;
  const diff = d.deliveredG - d.openG;
  if (Math.abs(diff) <= d.openG * 0.02) return <Tag color="success" style={big}>{t('与订购相符', 'Matches the order')}</Tag>;
  return (
    <Tag color="warning" style={big}>
      {diff < 0 ? t(`比应到少 ${kg3(-diff)}`, `${kg3(-diff)} short`) : t(`比应到多 ${kg3(diff)}`, `${kg3(diff)} over`)}
    </Tag>
  );
}

const DECIDE: { value: Decision; zh: string; en: string; color: 'green' | 'orange' | 'red'; icon: ReactNode }[] = [
  { value: 'accepted', zh: '合格入库', en: 'Accept', color: 'green', icon: <CheckCircleOutlined /> },
  { value: 'partial', zh: '部分验收', en: 'Accept part', color: 'orange', icon: <ExclamationCircleOutlined /> },
  { value: 'rejected', zh: '拒收', en: 'Reject', color: 'red', icon: <CloseCircleOutlined /> },
];
const GRADE_FOR: Record<Decision, Draft['grade']> = { accepted: 'good', partial: 'fair', rejected: 'poor' };

/**
 * One delivered ingredient, big enough for a tablet at the back door: what was ordered, the live
 * weight from the scale (or typed), then the decision, quality, reason and best-before date.
 */
export function LineStep({ draft: d, canteenId, withPrice, onChange }: {
  draft: Draft;
  canteenId: number;
  /** A delivery without an order: the clerk confirms the price per purchase unit. */
  withPrice: boolean;
  /** The code of the scale the live weight comes from. */
  onChange: (patch: Partial<Draft>) => void;
}) {
  const unit = unitLabel(d.purchaseUnit);
  const decide = (decision: Decision) => onChange({ decision, grade: d.decision === decision ? d.grade : GRADE_FOR[decision], partialG: decision === 'partial' ? d.partialG : null });
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 20, rowGap: 4, marginBottom: 8 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 30 }}>{nameOf(d)}</Typography.Title>
        {d.orderedG != null && (
          <span style={{ fontSize: 20 }}>
            {t('订购', 'Ordered')} <b>{d.orderedQty} {unit}</b>（{kg3(d.orderedG)}）
            {!!d.receivedG && <>，{t('还应到', 'still to come')} <b>{kg3(d.openG)}</b></>}
          </span>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 16 }}>{categoryLabel(d.category)} · {d.code}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={14}>
          <Section n={1} title={t('称重', 'Weigh')}>
            <LiveWeight canteenId={canteenId} onUse={(grams, scale) => onChange({ deliveredG: grams, weighedBy: 'scale', deviceCode: scale.code })} />
            <div style={{ marginTop: 16, display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
              <Typography.Text style={big}>{t('或手工输入', 'Or type it')}</Typography.Text>
              <KgInput size="large" value={d.deliveredG} style={{ width: 230, fontSize: 22 }} aria-label={t('到货重量（千克）', 'Delivered weight (kg)')}
                onChange={(g) => onChange({ deliveredG: g, weighedBy: 'manual', deviceCode: undefined })} />
            </div>
          </Section>
        </Col>
        <Col xs={24} md={10}>
          <Section n={2} title={t('验收结论', 'Decision')}>
            <div style={{ fontSize: 18, marginBottom: 12, minHeight: 36 }} aria-live="polite">
              {d.deliveredG ? (
                <>
                  {t('到货', 'Delivered')} <b style={{ fontSize: 26 }}>{kg3(d.deliveredG)}</b>
                  <Tag style={{ marginLeft: 8, ...big }} color={d.weighedBy === 'scale' ? 'blue' : 'default'}>
                    {d.weighedBy === 'scale' ? t(`验收秤 ${d.deviceCode ?? ''}`, `Scale ${d.deviceCode ?? ''}`) : t('手工输入', 'Typed')}
                  </Tag>
                  <Compare d={d} />
                </>
              ) : <Typography.Text type="warning">{t('请先称重', 'Weigh it first')}</Typography.Text>}
            </div>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(190px, 1fr))', gap: 10, marginBottom: 16 }}>
              {DECIDE.map((x) => (
                <Button key={x.value} color={x.color} variant={d.decision === x.value ? 'solid' : 'outlined'} icon={x.icon} onClick={() => decide(x.value)}
                  aria-pressed={d.decision === x.value} style={{ height: 64, fontSize: 22, fontWeight: d.decision === x.value ? 700 : 400 }}>
                  {t(x.zh, x.en)}
                </Button>
              ))}
            </div>
            {d.decision === 'partial' && (
              <Field label={t('验收数量', 'Accepted weight')}>
                <KgInput size="large" value={d.partialG} style={{ width: 230, fontSize: 22 }} aria-label={t('验收数量（千克）', 'Accepted weight (kg)')}
                  status={d.partialG != null && d.deliveredG != null && d.partialG >= d.deliveredG ? 'error' : undefined} onChange={(g) => onChange({ partialG: g })} />
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{t('其余退回供应商', 'the rest goes back')}</Typography.Text>
              </Field>
            )}
            {d.decision && d.decision !== 'accepted' && (
              <Field label={d.decision === 'rejected' ? t('拒收原因', 'Why rejected') : t('原因', 'Why')}>
                <ReasonPicker reasons={RECEIPT_REASONS} value={d.reason} onChange={(reason) => onChange({ reason })} label={t('验收原因', 'Reason')} />
              </Field>
            )}
            <Field label={t('质量', 'Quality')}>
              <Radio.Group size="large" optionType="button" buttonStyle="solid" value={d.grade} onChange={(e) => onChange({ grade: e.target.value as Draft['grade'] })}
                options={GRADES.map((g) => ({ value: g.value, label: <span style={{ display: 'inline-block', minWidth: 36, textAlign: 'center', fontSize: 18 }}>{t(g.zh, g.en)}</span> }))} />
            </Field>
            {d.decision !== 'rejected' && (
              <Field label={t('保质期至', 'Best before')} extra={t(`按保质期 ${d.shelfLifeDays} 天推算，以包装为准`, `From a ${d.shelfLifeDays}-day shelf life; the label wins`)}>
                <DateInput size="large" allowClear={false} aria-label={t('保质期至', 'Best before')} value={dayjs(d.bestBefore)} style={{ width: 200 }}
                  onChange={(v) => v && !Array.isArray(v) && onChange({ bestBefore: v.format('YYYY-MM-DD') })} />
              </Field>
            )}
            {withPrice && (
              <Field label={t(`单价（元/${unit}）`, `Unit price (¥ per ${unit})`)}>
                <InputNumber<number> size="large" min={0} precision={2} step={0.5} value={d.unitPriceFen == null ? null : d.unitPriceFen / 100} style={{ width: 200 }}
                  aria-label={t('单价', 'Unit price')} onChange={(v) => onChange({ unitPriceFen: v == null ? null : Math.round(v * 100) })} />
              </Field>
            )}
          </Section>
        </Col>
      </Row>
    </div>
  );
}

function Field({ label, extra, children }: { label: string; extra?: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <div style={{ fontSize: 18, marginBottom: 6 }}>{label}</div>
      {children}
      {extra && <div style={{ color: '#888', fontSize: 14, marginTop: 4 }}>{extra}</div>}
    </div>
  );
}
