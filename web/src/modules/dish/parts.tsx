import { PictureOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { yuan } from '../../api.ts';
import { t } from '../../i18n.ts';
import { COST_LIMIT, margin } from './labels.ts';

export function DishThumb({ id, hasPhoto, size = 56, version }: { id: number; hasPhoto: boolean; size?: number; version?: string | number }) {
  const box = { width: size, height: size, borderRadius: 8, flex: 'none' as const };
  if (!hasPhoto) {
    return <div style={{ ...box, background: '#f0f3f2', display: 'grid', placeItems: 'center', color: '#9aa9a4', fontSize: size / 2.5 }}><PictureOutlined /></div>;
  }
  return <img src={`/api/dishes/${id}/photo${version ? `?v=${encodeURIComponent(String(version))}` : ''}`} alt="" loading="lazy" style={{ ...box, objectFit: 'cover' }} />;
}

/** Cost of a portion against its price, red when the cost is above 60 % of the price. */
export function CostCell({ priceFen, costFen, unpriced }: { priceFen: number; costFen: number | null; unpriced: number | null }) {
  if (costFen == null) return <Typography.Text type="secondary">—</Typography.Text>;
  const m = margin(priceFen, costFen);
  return (
    <div>
      <Typography.Text type={m.high ? 'danger' : undefined} strong={m.high}>{yuan(costFen)}</Typography.Text>
      {unpriced ? (
        <Tooltip title={t(`${unpriced} 种食材没有价格，成本偏低`, `${unpriced} ingredients have no price; the cost is understated`)}>
          <Tag color="warning" style={{ marginLeft: 6 }}>{t(`${unpriced} 项无价`, `${unpriced} unpriced`)}</Tag>
        </Tooltip>
      ) : null}
    </div>
  );
}

export function MarginCell({ priceFen, costFen }: { priceFen: number; costFen: number | null }) {
  const m = margin(priceFen, costFen);
  if (m.pct === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = `${m.pct}%`;
  return m.high ? (
    <Tooltip title={t(`成本超过售价的 ${COST_LIMIT * 100}%`, `Cost above ${COST_LIMIT * 100}% of the price`)}>
      <Tag color="error" style={{ fontSize: 14 }}>{text}</Tag>
    </Tooltip>
  ) : <Tag color="success" style={{ fontSize: 14 }}>{text}</Tag>;
}

