import { Route } from 'react-router-dom';
import { CountPhone } from './CountPhone.tsx';
import { MobileHome } from './MobileHome.tsx';

export const mobileRoutes = () => [
  <Route key="m" path="/m/*" element={<MobileHome />} />,
  <Route key="m-count" path="/m/count/*" element={<CountPhone />} />,
];
