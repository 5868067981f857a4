import { Route } from 'react-router-dom';
import { MenuPlanFallback } from './MenuPlanFallback.tsx';
import { MobileHome } from './MobileHome.tsx';

export const mobileRoutes = () => [
  <Route key="m" path="/m/*" element={<MobileHome />} />,
  // shell/Routes.tsx hands every path starting with "/m" to these routes, /menu included; until it tests
  // for "/m" as a whole segment, the menu planner is served here in a plain frame.
  <Route key="menu" path="/menu/*" element={<MenuPlanFallback />} />,
];
