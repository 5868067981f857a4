import { Input, Tag } from 'antd';
import { t } from '../../i18n.ts';

const SEP = '；';

/**
 * A reason as big tap-to-add phrases plus free text: each phrase tapped is added to (or taken out
 * of) the text, which stays editable. Used for rejections, returns, write-offs and closing orders.
 */
export function ReasonPicker({ reasons, value, onChange, placeholder, label }: {
  reasons: readonly { zh: string; en: string }[];
  value?: string;
  onChange?: (v: string) => void;
  placeholder?: string;
  /** Accessible name of the text box. */
  label?: string;
}) {
  const text = value ?? '';
  const parts = text.split(SEP).map((p) => p.trim()).filter(Boolean);
  const toggle = (phrase: string) => {
    const next = parts.includes(phrase) ? parts.filter((p) => p !== phrase) : [...parts, phrase];
    onChange?.(next.join(SEP));
  };
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
        {reasons.map((r) => {
          const phrase = t(r.zh, r.en);
          const on = parts.includes(phrase);
          return (
            <Tag.CheckableTag key={r.zh} checked={on} onChange={() => toggle(phrase)}
              style={{ fontSize: 16, padding: '8px 14px', border: '1px solid #d9d9d9', borderColor: on ? undefined : '#d9d9d9', marginInlineEnd: 0 }}>
              {phrase}
            </Tag.CheckableTag>
          );
        })}
      </div>
      <Input.TextArea rows={2} maxLength={500} value={text} aria-label={label ?? t('原因', 'Reason')}
        placeholder={placeholder ?? t('点上面的常用原因，或在这里写明原因', 'Tap a common reason above, or write it here')}
        onChange={(e) => onChange?.(e.target.value)} />
    </div>
  );
}
