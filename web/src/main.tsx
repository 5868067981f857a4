import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { useLang } from './i18n.ts';
import { SessionProvider } from './session.tsx';
import { Routes } from './shell/Routes.tsx';

function Root() {
  const lang = useLang();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    // Large base font and controls: many canteen workers are older and not at ease with computers.
    <ConfigProvider button={{ autoInsertSpace: false }} locale={lang === 'en' ? enUS : zhCN} theme={{ token: { fontSize: 16, controlHeight: 40, colorPrimary: '#1f6f5c' } }}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Routes />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
