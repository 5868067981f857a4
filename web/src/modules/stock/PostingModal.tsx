import { Button, Modal, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { t } from '../../i18n.ts';
import { PostingError, type usePosting } from './shared.tsx';

/**
 * The dialog of a stock posting (issue, transfer, return, write-off): the form, the server's answer
 * in plain words just above the buttons, 取消 and the confirm button (busy while posting).
 */
export function PostingModal({ title, width, okText, ready, danger, note, posting, onOk, onClose, children }: {
  title: string;
  width: number;
  okText: string;
  ready: boolean;
  danger?: boolean;
  /** A line beside the buttons, e.g. what is about to be posted. */
  note?: ReactNode;
  posting: ReturnType<typeof usePosting>;
  onOk: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Modal open width={width} title={title} onCancel={onClose} mask={{ closable: false }} style={{ top: 24 }}
      footer={(
        <Space wrap>
          {note && <Typography.Text style={{ marginRight: 12 }}>{note}</Typography.Text>}
          <Button size="large" onClick={onClose}>{t('取消', 'Cancel')}</Button>
          <Button size="large" type="primary" danger={danger} loading={posting.busy} disabled={!ready} onClick={onOk}>{okText}</Button>
        </Space>
      )}>
      {children}
      <div style={{ marginTop: 12 }}><PostingError text={posting.errorText} onClose={posting.clearError} /></div>
    </Modal>
  );
}
