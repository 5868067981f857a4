import { Route } from 'react-router-dom';
import { CountPhone } from './CountPhone.tsx';
import { DinerApp } from './diner/DinerApp.tsx';
import { DisclosurePhone } from './feedback/DisclosurePhone.tsx';
import { FeedbackPhone } from './feedback/FeedbackPhone.tsx';
import { OpenKitchenPhone } from './feedback/OpenKitchenPhone.tsx';
import { SurveysPhone } from './feedback/SurveysPhone.tsx';
import { OrdersPhone } from './orders/OrdersPhone.tsx';
import { InspectionPhone } from './inspection/InspectionPhone.tsx';
import { SamplesPhone } from './samples/SamplesPhone.tsx';
import { MonitoringPhone } from './monitoring/MonitoringPhone.tsx';

export const mobileRoutes = () => [
  <Route key="m" path="/m/*" element={<DinerApp />} />,
  <Route key="m-count" path="/m/count/*" element={<CountPhone />} />,
  <Route key="m-surveys" path="/m/surveys/*" element={<SurveysPhone />} />,
  <Route key="m-feedback" path="/m/feedback/*" element={<FeedbackPhone />} />,
  <Route key="m-disclosure" path="/m/disclosure" element={<DisclosurePhone />} />,
  <Route key="m-open-kitchen" path="/m/open-kitchen" element={<OpenKitchenPhone />} />,
  <Route key="m-orders" path="/m/orders/*" element={<OrdersPhone />} />,
  <Route key="m-samples" path="/m/samples/*" element={<SamplesPhone />} />,
  <Route key="m-monitoring" path="/m/monitoring" element={<MonitoringPhone />} />,
  <Route key="m-inspection" path="/m/inspection/*" element={<InspectionPhone />} />,
];
