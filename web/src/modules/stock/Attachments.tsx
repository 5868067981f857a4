import { CameraOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Image, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { post } from '../../api.ts';
import { t } from '../../i18n.ts';
import { dateTime } from '../ingredient/shared.tsx';
import { DOCUMENT_KINDS, documentKindLabel, PostingError, useRequest, type DocumentKind } from './shared.tsx';
import { attachmentHref, type AttachmentView, type Doc } from './types.ts';

/** What a receipt still lacks, in red; "单据齐全" when nothing is missing and something is attached (`complete`). */
export function MissingDocuments({ missing, large, complete }: { missing: string[]; large?: boolean; complete?: boolean }) {
  const style = large ? { fontSize: 16, padding: '4px 10px' } : undefined;
  if (!missing.length) return complete ? <Tag color="success" style={style}>{t('单据齐全', 'Documents complete')}</Tag> : null;
  return (
    <Space size={4} wrap>
      <Typography.Text type="danger" strong={large}>{t('还缺：', 'Missing:')}</Typography.Text>
      {missing.map((k) => <Tag key={k} color="error" style={style}>{documentKindLabel(k)}</Tag>)}
    </Space>
  );
}

/** Photos as thumbnails (tap to enlarge), PDFs as links. */
export function AttachmentList({ docId, files }: { docId: number; files: AttachmentView[] }) {
  if (!files.length) return <Typography.Text type="secondary">{t('还没有照片或单据', 'No photos or documents yet')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        {files.map((f) => (
          <div key={f.id} style={{ width: 120, textAlign: 'center' }}>
            {f.mime.startsWith('image/')
              ? <Image src={attachmentHref(docId, f.id)} alt={f.filename} width={120} height={90} style={{ objectFit: 'cover', borderRadius: 6 }} />
              : (
                <a href={attachmentHref(docId, f.id)} target="_blank" rel="noreferrer"
                  style={{ display: 'flex', width: 120, height: 90, alignItems: 'center', justifyContent: 'center', border: '1px solid #e5e5e5', borderRadius: 6, fontSize: 36 }}>
                  <FilePdfOutlined />
                </a>
              )}
            <div style={{ fontSize: 13 }}>{documentKindLabel(f.kind)}</div>
            <div style={{ fontSize: 12, color: '#888' }}>{dateTime(f.uploadedAt)}</div>
          </div>
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

/**
 * Photos and supplier documents of a receipt: one big button per kind (the missing ones first, in
 * red), the camera opening directly for photos on a tablet, and what is attached as thumbnails.
 */
export function ReceiptAttachments({ doc, writable, onChange }: { doc: Doc; writable: boolean; onChange: (d: Doc) => void }) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<DocumentKind>('photo');
  const request = useRequest();
  const missing = new Set(doc.missingDocuments);
  const kinds = [...DOCUMENT_KINDS].sort((a, b) => Number(missing.has(b.value)) - Number(missing.has(a.value)));
  const choose = (k: DocumentKind) => {
    setKind(k);
    const el = input.current!;
    el.accept = k === 'photo' ? 'image/*' : 'image/*,application/pdf';
    // Photos open the camera directly; documents may also be a PDF from the files.
    if (k === 'photo') el.setAttribute('capture', 'environment');
    else el.removeAttribute('capture');
    el.value = '';
    el.click();
  };
  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    const latest = await request.run(async () => {
      let d = doc;
      for (const file of Array.from(files)) {
        const body = new FormData();
        body.set('kind', kind);
        body.set('file', file);
        d = await post<Doc>(`/api/stock/receipts/${doc.id}/attachments`, body);
      }
      return d;
    });
    if (!latest) return;
    message.success(t(`已上传${documentKindLabel(kind)}`, `${documentKindLabel(kind)} uploaded`));
    onChange(latest);
  };
  return (
    <div>
      <div style={{ marginBottom: 12 }}><MissingDocuments missing={doc.missingDocuments} large complete={doc.attachments.length > 0} /></div>
      <PostingError text={request.errorText} onClose={request.clearError} />
      {writable && (
        <>
          <input ref={input} type="file" multiple hidden aria-label={t('选择文件', 'Choose a file')} onChange={(e) => void upload(e.target.files)} />
          <Space wrap size="middle" style={{ marginBottom: 16 }}>
            {kinds.map((k) => (
              <Button key={k.value} size="large" loading={request.busy && kind === k.value} danger={missing.has(k.value)} type={missing.has(k.value) || k.value === 'photo' ? 'primary' : 'default'}
                icon={k.value === 'photo' ? <CameraOutlined /> : <PaperClipOutlined />} style={{ minHeight: 52 }} onClick={() => choose(k.value)}>
                {k.value === 'photo' ? t('拍照', 'Take a photo') : t(`上传${k.zh}`, `Upload ${k.en.toLowerCase()}`)}
              </Button>
            ))}
          </Space>
        </>
      )}
      <AttachmentList docId={doc.id} files={doc.attachments} />
    </div>
  );
}
