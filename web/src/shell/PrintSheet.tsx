import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useNavigate } from 'react-router-dom';
import { t } from '../i18n.ts';

const CSS = `
.ps-print { position: fixed; inset: 0; z-index: 1200; overflow: auto; background: #e9ecef; }
.ps-toolbar { position: sticky; top: 0; display: flex; gap: 12px; justify-content: center; padding: 12px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.1); }
.ps-sheet { width: 210mm; min-height: 297mm; margin: 16px auto; padding: 14mm 12mm; background: #fff; box-shadow: 0 2px 12px rgba(0,0,0,.15); color: #000;
  font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; box-sizing: border-box; }
.ps-sheet h1 { text-align: center; font-size: 20pt; letter-spacing: 6px; margin: 0 0 4mm; }
.ps-meta { display: grid; grid-template-columns: 1fr 1fr; gap: 2mm 8mm; margin-bottom: 4mm; }
.ps-sheet table { width: 100%; border-collapse: collapse; }
.ps-sheet th, .ps-sheet td { border: 1px solid #000; padding: 1.5mm 2mm; }
.ps-sheet th { background: #f2f2f2; font-weight: 600; }
.ps-sheet td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.ps-sheet tr { page-break-inside: avoid; }
.ps-sign { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 8mm; margin-top: 14mm; }
.ps-sign div { border-bottom: 1px solid #000; padding-bottom: 2mm; min-height: 9mm; }
@media print {
  @page { size: A4; margin: 12mm; }
  html, body { background: #fff !important; }
  #root { display: none !important; }
  .ps-print { position: static; overflow: visible; background: #fff; }
  .ps-toolbar { display: none !important; }
  .ps-sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .ps-sheet thead { display: table-header-group; }
}
`;

/**
 * An A4 sheet drawn over the whole window with a 返回 / 打印 bar (hidden on paper). Children use the
 * classes ps-meta (two-column header), a bordered table (td.num for figures) and ps-sign (signature lines).
 */
export function PrintSheet({ title, backTo, ready, error, tools, children }: {
  /** The browser tab's title while the sheet is open (also the default PDF file name when saved). */
  title: string | null;
  backTo: string;
  ready: boolean;
  error: string | null;
  /** More buttons beside 打印, e.g. a PDF download. */
  tools?: ReactNode;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  useEffect(() => {
    const before = document.title;
    if (title) document.title = title;
    return () => { document.title = before; };
  }, [title]);
  return createPortal(
    <div className="ps-print">
      <style>{CSS}</style>
      <div className="ps-toolbar">
        <Space wrap>
          <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => navigate(backTo)}>{t('返回', 'Back')}</Button>
          <Button size="large" type="primary" icon={<PrinterOutlined />} disabled={!ready} onClick={() => window.print()}>{t('打印', 'Print')}</Button>
          {tools}
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ maxWidth: 600, margin: '24px auto' }} />}
      {!ready && !error && <Spin size="large" style={{ display: 'block', marginTop: 80 }} />}
      {ready && <div className="ps-sheet">{children}</div>}
    </div>,
    document.body,
  );
}
