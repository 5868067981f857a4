import { UploadOutlined } from '@ant-design/icons';
import { Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { t } from '../../i18n.ts';
import { ExportButton, ImportButton } from '../ingredient/ImportButton.tsx';

/**
 * 导入销售: until the checkout stations record sales, a canteen imports them from a spreadsheet
 * (date, meal, dish code, portions, yuan). Row errors are listed by the shared import dialog.
 */
export function SalesImport({ canteenId, canteenName, onImported }: { canteenId: number; canteenName: string; onImported: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="large" icon={<UploadOutlined />} onClick={() => setOpen(true)}>{t('导入销售', 'Import sales')}</Button>
      <Modal open={open} width={640} title={t(`导入销售数据 · ${canteenName}`, `Import sales · ${canteenName}`)} onCancel={() => setOpen(false)}
        footer={<Button size="large" onClick={() => setOpen(false)}>{t('关闭', 'Close')}</Button>}>
        <ol style={{ fontSize: 16, lineHeight: 1.8, paddingLeft: 22 }}>
          <li>
            {t('下载模板，按列填写：日期、餐次（早餐/午餐/晚餐/夜宵）、菜品编码（可不填）、份数、金额（元）。', 'Download the template and fill in: date, meal (breakfast/lunch/dinner/late), dish code (may be empty), portions, yuan.')}
            <div style={{ margin: '8px 0 12px' }}><ExportButton href="/api/sales/template" label={t('下载销售模板', 'Download the template')} /></div>
          </li>
          <li>
            {t('选择填好的文件（Excel 或 CSV）。有错的行会逐行列出，改好再导入，或跳过错误行。', 'Choose the filled-in file (Excel or CSV). Rows with mistakes are listed one by one: fix them, or skip them.')}
            <div style={{ margin: '8px 0 12px' }}>
              <ImportButton url="/api/sales/import" fields={{ canteenId: String(canteenId) }} label={t('选择文件并导入', 'Choose a file and import')}
                onDone={(r) => { if (!r.skipped.length) setOpen(false); onImported(); }} />
            </div>
          </li>
        </ol>
        <Typography.Paragraph type="secondary" style={{ fontSize: 14, marginBottom: 0 }}>
          {t('文件里出现的日期，原有的销售数据会被替换；其他日期不受影响。', 'For the dates in the file, the sales already there are replaced; other dates stay as they are.')}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
