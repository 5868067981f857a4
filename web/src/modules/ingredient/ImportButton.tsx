import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Table, Typography } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { ApiError, post } from '../../api.ts';
import { t } from '../../i18n.ts';
import { Plain } from './shared.tsx';

export interface RowError { sheet: string; row: number; column?: string; message: string }
export interface ImportResult { imported: number; skipped: RowError[]; created?: number; updated?: number }

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

interface Pending { file: File; fields: Record<string, string> }

/**
 * Uploading a spreadsheet to an import endpoint, all-or-nothing by default: when the server rejects
 * the file its row errors are listed, and the user may import again skipping the bad rows.
 * Returns `run(file, fields)` and the dialogs to render.
 */
export function useImport(url: string, onDone: (r: ImportResult) => void, onError?: (message: string) => void) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [rejected, setRejected] = useState<{ message: string; errors: RowError[]; canSkip: boolean } | null>(null);
  const [report, setReport] = useState<ImportResult | null>(null);

  const send = async (p: Pending, skipBadRows: boolean) => {
    const body = new FormData();
    body.append('file', p.file);
    for (const [k, v] of Object.entries(p.fields)) body.append(k, v);
    body.append('skipBadRows', skipBadRows ? 'true' : 'false');
    setBusy(true);
    onError?.('');
    try {
      const r = await post<ImportResult>(url, body);
      const result = { ...r, imported: r?.imported ?? 0, skipped: r?.skipped ?? [] };
      setRejected(null);
      setPending(null);
      const detail = typeof r?.created === 'number' && typeof r?.updated === 'number'
        ? t(`（新增 ${r.created}，更新 ${r.updated}）`, ` (${r.created} new, ${r.updated} updated)`) : '';
      message.success(t(`已导入 ${result.imported} 行${detail}`, `Imported ${result.imported} rows${detail}`));
      if (result.skipped.length) setReport(result);
      onDone(result);
    } catch (e) {
      const errors = e instanceof ApiError ? (e.details as { errors?: RowError[] } | undefined)?.errors : undefined;
      if (e instanceof ApiError && Array.isArray(errors) && errors.length) {
        setPending(p);
        setRejected({ message: e.message, errors, canSkip: e.code === 'import_rejected' });
      } else if (onError) {
        onError((e as Error).message);
      } else {
        message.error((e as Error).message);
      }
    } finally {
      setBusy(false);
    }
  };

  const run = (file: File, fields: Record<string, string> = {}) => send({ file, fields }, false);

  const node = (
    <Plain>
      <Modal open={!!rejected} width={820} title={t('文件未导入', 'File not imported')} onCancel={() => { setRejected(null); setPending(null); }}
        footer={(
          <Space>
            <Button onClick={() => { setRejected(null); setPending(null); }}>{t('取消，改好文件再导入', 'Cancel and fix the file')}</Button>
            {rejected?.canSkip && (
              <Button type="primary" loading={busy} onClick={() => pending && send(pending, true)}>
                {t('跳过错误行并导入', 'Skip bad rows and import')}
              </Button>
            )}
          </Space>
        )}>
        <Alert type="error" showIcon title={rejected?.message} style={{ marginBottom: 12 }}
          description={t('请按下表改正文件后重新导入，或跳过错误行只导入正确的行。', 'Fix the rows below and import again, or skip them and import the rest.')} />
        <ErrorTable errors={rejected?.errors ?? []} />
      </Modal>
      <Modal open={!!report} width={820} title={t('导入完成', 'Import finished')} onCancel={() => setReport(null)}
        footer={<Button type="primary" onClick={() => setReport(null)}>{t('知道了', 'OK')}</Button>}>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }}
          title={t(`已导入 ${report?.imported ?? 0} 行，以下 ${report?.skipped.length ?? 0} 处错误的行未导入`, `Imported ${report?.imported ?? 0} rows; the rows below were skipped`)} />
        <ErrorTable errors={report?.skipped ?? []} />
      </Modal>
    </Plain>
  );
  return { run, busy, node };
}

function ErrorTable({ errors }: { errors: RowError[] }) {
  return (
    <Table size="small" rowKey={(_, i) => String(i)} dataSource={errors} pagination={errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      columns={[
        { title: t('工作表', 'Sheet'), dataIndex: 'sheet', width: 140 },
        { title: t('行号', 'Row'), dataIndex: 'row', width: 80 },
        { title: t('列', 'Column'), dataIndex: 'column', width: 180, render: (v) => v ?? '—' },
        { title: t('问题', 'Problem'), dataIndex: 'message', render: (v) => <Typography.Text type="danger">{v}</Typography.Text> },
      ]} />
  );
}

/** "导入 Excel": pick a file, upload it, show row errors with the option to skip them. */
export function ImportButton({ url, onDone, label, fields }: { url: string; onDone: (r: ImportResult) => void; label?: ReactNode; fields?: Record<string, string> }) {
  const input = useRef<HTMLInputElement>(null);
  const { run, busy, node } = useImport(url, onDone);
  return (
    <>
      <input ref={input} type="file" accept={ACCEPT} style={{ display: 'none' }} aria-label={t('选择导入文件', 'Choose a file to import')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void run(file, fields);
        }} />
      <Plain>
        <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>{label ?? t('导入 Excel', 'Import Excel')}</Button>
      </Plain>
      {node}
    </>
  );
}

/** A plain download link styled as a button; the browser saves the file. */
export function ExportButton({ href, label }: { href: string; label?: ReactNode }) {
  return (
    <Plain>
      <Button icon={<DownloadOutlined />} href={href} download>{label ?? t('导出 Excel', 'Export Excel')}</Button>
    </Plain>
  );
}

export const IMPORT_ACCEPT = ACCEPT;
