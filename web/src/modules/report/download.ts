import { useRef, useState } from 'react';
import { ApiError } from '../../api.ts';
import { currentLang, t } from '../../i18n.ts';

/** The file name the server gave (Content-Disposition, RFC 5987 filename* first), else the fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try { return decodeURIComponent(star[1]!); } catch { /* fall through */ }
  }
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

export type DownloadState = { key: string; received: number; total: number } | null;

/**
 * Downloads a generated file (Excel, PDF) through fetch, so the page can say that the server is still
 * writing it and how much has arrived, then hands it to the browser as a normal download.
 * One at a time; a second press while busy does nothing.
 */
export function useDownload() {
  const [state, setState] = useState<DownloadState>(null);
  const busy = useRef(false);
  const download = async (key: string, url: string, fallbackName: string): Promise<string | null> => {
    if (busy.current) return null;
    busy.current = true;
    setState({ key, received: 0, total: 0 });
    try {
      const res = await fetch(url, { credentials: 'same-origin', headers: { 'accept-language': currentLang() } });
      if (!res.ok) {
        const data = (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : null;
        throw new ApiError(res.status, data?.code ?? 'error', data?.message ?? res.statusText, data?.details);
      }
      const total = Number(res.headers.get('content-length')) || 0;
      const chunks: BlobPart[] = [];
      let received = 0;
      const reader = res.body?.getReader();
      if (reader) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          received += value.length;
          setState({ key, received, total });
        }
      } else chunks.push(await res.blob());
      const name = fileNameOf(res, fallbackName);
      const href = URL.createObjectURL(new Blob(chunks, { type: res.headers.get('content-type') ?? 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = href;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      return name;
    } finally {
      busy.current = false;
      setState(null);
    }
  };
  return { state, download };
}

/** "正在生成…" until the first bytes arrive, then how much has arrived. */
export function progressText(s: NonNullable<DownloadState>): string {
  if (!s.received) return t('正在生成…', 'Preparing…');
  if (s.total) return t(`下载中 ${Math.round((s.received / s.total) * 100)}%`, `Downloading ${Math.round((s.received / s.total) * 100)}%`);
  return t(`下载中 ${Math.round(s.received / 1024)} KB`, `Downloading ${Math.round(s.received / 1024)} KB`);
}
