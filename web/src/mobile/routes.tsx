import { Route } from 'react-router-dom';
import { MobileHome } from './MobileHome.tsx';

export const mobileRoutes = () => [<Route key="m" path="/m/*" element={<MobileHome />} />];
