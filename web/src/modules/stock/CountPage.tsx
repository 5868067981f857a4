import { MobileOutlined } from '@ant-design/icons';
import { Alert, Card, Typography } from 'antd';
import { Route, Routes, useParams } from 'react-router-dom';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { Plain } from '../ingredient/shared.tsx';
import { CountList } from './CountList.tsx';
import { CountSheetView } from './CountSheet.tsx';

/** /stock/counts and /stock/counts/:id — stock counts per store; the same pages work on a phone at /m/count. */
export function CountPage() {
  return (
    <Plain>
      <Routes>
        <Route index element={<Counts />} />
        <Route path=":id" element={<CountSheetRoute base="/stock/counts" />} />
      </Routes>
    </Plain>
  );
}

/** One sheet by the id in the address; on the phone page without a card around it (the page is the card). */
export function CountSheetRoute({ base, bare }: { base: string; bare?: boolean }) {
  const { id } = useParams();
  const view = <CountSheetView key={id} id={Number(id)} base={base} />;
  return bare ? view : <Card styles={{ body: { padding: 'clamp(10px, 3vw, 24px)' } }}>{view}</Card>;
}

function Counts() {
  useLang();
  const { can, canteenId, me } = useSession();
  if (!canteenId) return <Alert type="info" showIcon title={t('请先在右上角选择食堂', 'Choose a canteen at the top right first')} />;
  const canteenName = me?.canteens.find((c) => c.id === canteenId)?.name;
  return (
    <Card title={<span style={{ fontSize: 20 }}>{t('盘点', 'Stock count')}{canteenName ? ` · ${canteenName}` : ''}</span>}>
      {can('stock.count.write') && (
        <Alert type="info" showIcon icon={<MobileOutlined />} style={{ marginBottom: 16, fontSize: 16 }}
          title={t('在库房里用手机盘点更方便：手机登录后打开', 'Counting in the store is easier on a phone: sign in on the phone and open')}
          description={<Typography.Text copyable strong style={{ fontSize: 18 }}>{`${window.location.origin}/m/count`}</Typography.Text>} />
      )}
      <CountList key={canteenId} canteenId={canteenId} base="/stock/counts" />
    </Card>
  );
}
