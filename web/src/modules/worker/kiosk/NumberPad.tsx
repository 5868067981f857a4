import { Button } from 'antd';
import { t } from '../../../i18n.ts';

/**
 * What was keyed as a temperature: three digits are read with the point before the last (365 →
 * 36.5), or the point is keyed ("36.5"). Null until complete or outside 34.0–42.0 °C.
 */
export function parseTemperature(keys: string): number | null {
  const m = /^(\d{2})\.?(\d)$/.exec(keys);
  if (!m) return null;
  const v = Number(`${m[1]}.${m[2]}`);
  return v >= 34 && v <= 42 ? v : null;
}

/** The keys as the display shows them while typing: "37" reads "37.". */
export const keyedText = (keys: string) => (/^\d{2}$/.test(keys) ? `${keys}.` : keys);

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', '⌫'] as const;

/** A big number pad for a temperature: at most 36.5-style input, ⌫ takes one key back, 清除 clears. */
export function NumberPad({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const press = (k: (typeof KEYS)[number]) => {
    if (k === '⌫') return onChange(value.slice(0, -1));
    if (k === '.') return onChange(/^\d{2}$/.test(value) ? `${value}.` : value);
    const next = value + k;
    if (/^\d{1,3}$/.test(next) || /^\d{2}\.\d$/.test(next)) onChange(next);
  };
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 6 }}>
      {KEYS.map((k) => (
        <Button key={k} onClick={() => press(k)} aria-label={k === '⌫' ? t('退格', 'Backspace') : k}
          style={{ height: 64, fontSize: 30, fontWeight: 600 }}>{k}</Button>
      ))}
      <Button onClick={() => onChange('')} style={{ height: 64, fontSize: 20, gridColumn: 'span 3' }}>{t('清除', 'Clear')}</Button>
    </div>
  );
}
