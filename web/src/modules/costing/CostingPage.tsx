import { Alert, Card, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { t, useLang } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { Plain } from '../ingredient/shared.tsx';
import { DishCosts } from './DishCosts.tsx';
import { MealCosts } from './MealCosts.tsx';
import { SalesImport } from './SalesImport.tsx';

/** /costing: cost per meal over a period and margin per dish on a day, for the canteen chosen at the top right. */
export function CostingPage() {
  useLang();
  const { me, can, canteenId } = useSession();
  const [params, setParams] = useSearchParams();
  const [version, setVersion] = useState(0);
  const tab = params.get('tab') === 'dishes' ? 'dishes' : 'meals';
  if (!canteenId) return <Alert type="info" showIcon title={t('请先在右上角选择食堂', 'Choose a canteen at the top right first')} />;
  const canteenName = me?.canteens.find((c) => c.id === canteenId)?.name ?? '';
  const importButton = can('costing.sales.write') ? <SalesImport canteenId={canteenId} canteenName={canteenName} onImported={() => setVersion((v) => v + 1)} /> : null;
  return (
    <Plain>
      <style>{'.cost-loss-row > td { background: #fff1f0 !important; }'}</style>
      <Card title={<span style={{ fontSize: 20 }}>{t('成本分析', 'Costing')} · {canteenName}</span>} extra={importButton}>
        <Tabs size="large" activeKey={tab} onChange={(k) => setParams(k === 'dishes' ? { tab: k } : {}, { replace: true })} items={[
          { key: 'meals', label: <span style={{ fontSize: 17 }}>{t('每餐成本', 'Cost per meal')}</span>, children: <MealCosts key={canteenId} canteenId={canteenId} version={version} importButton={importButton} /> },
          { key: 'dishes', label: <span style={{ fontSize: 17 }}>{t('菜品毛利', 'Margin per dish')}</span>, children: <DishCosts key={`${canteenId}-${version}`} canteenId={canteenId} /> },
        ]} />
      </Card>
    </Plain>
  );
}
