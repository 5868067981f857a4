import { Alert, Empty, Spin, Tabs } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { get } from '../../api.ts';
import { t } from '../../i18n.ts';

/**
 * The public pages of a canteen (disclosure, open kitchen): the bureau's canteens as tabs, the last
 * one chosen remembered, and the chosen canteen's data loaded from `${path}/${id}` and drawn by `children`.
 */
export function CanteenTabs<T>({ path, children }: { path: string; children: (data: T) => ReactNode }) {
  const [canteens, setCanteens] = useState<{ id: number; name: string }[] | null>(null);
  const [canteen, setCanteen] = useState<number | null>(null);
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<{ id: number; name: string }[]>(path).then((list) => {
      setCanteens(list);
      const remembered = Number(localStorage.getItem('m.canteen'));
      setCanteen(list.find((c) => c.id === remembered)?.id ?? list[0]?.id ?? null);
    }).catch((e) => setError((e as Error).message));
  }, [path]);
  useEffect(() => {
    if (!canteen) return;
    setData(null);
    get<T>(`${path}/${canteen}`).then(setData).catch((e) => setError((e as Error).message));
  }, [path, canteen]);
  const pick = (id: string) => { setCanteen(Number(id)); localStorage.setItem('m.canteen', id); };
  return (
    <>
      {canteens && canteens.length > 1 && canteen && (
        <Tabs activeKey={String(canteen)} onChange={pick} size="large" style={{ background: '#fff', padding: '0 8px', margin: '-12px -12px 0' }}
          items={canteens.map((c) => ({ key: String(c.id), label: <span style={{ display: 'inline-block', padding: '4px 2px', fontSize: 16 }}>{c.name}</span> }))} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {canteens && !canteens.length && <Empty style={{ marginTop: 60 }} description={t('没有可查看的食堂', 'No canteens to show')} />}
      {!data && !error && canteens?.length !== 0 && <Spin size="large" style={{ display: 'block', marginTop: 80 }} />}
      {data && children(data)}
    </>
  );
}
