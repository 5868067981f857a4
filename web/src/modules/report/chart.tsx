import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';

export interface ChartProps {
  /** An ECharts option object. */
  option: Record<string, unknown>;
  height?: number;
  /** What the chart shows, for screen readers and tests. */
  label: string;
}

const EChart = lazy(() => import('./echart.tsx'));

/** A chart, with ECharts fetched the first time one is shown (the pages without charts never load it). */
export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 320 }} />}>
      <EChart {...props} />
    </Suspense>
  );
}
