import { Segmented } from 'antd';
import { setLang, useLang } from '../i18n.ts';

export function LangSwitch() {
  const lang = useLang();
  return <Segmented value={lang} onChange={(v) => setLang(v as 'zh' | 'en')} options={[{ label: '中文', value: 'zh' }, { label: 'EN', value: 'en' }]} />;
}
