import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { yuan } from '../../../api.ts';
import { t } from '../../../i18n.ts';
import { checkoutApi, type BoardDish } from '../api.ts';
import { dishName } from './DishTiles.tsx';

interface Region { candidates: { dishId: number; score: number }[]; chosen: number | null }
export interface Recognised { dishId: number; suggestedDishId?: number; score?: number }

const base64Of = (dataUrl: string) => dataUrl.slice(dataUrl.indexOf(',') + 1);

/**
 * A photo of the tray (webcam, or a picture file where there is no camera) sent to the recogniser;
 * each region shows its best guess, one tap picks one of the next two or any dish of the menu,
 * and the chosen dishes go onto the tray as recognised lines.
 */
export function RecognizeDialog({ open, canteenId, dishes, onAdd, onClose }: {
  open: boolean; canteenId: number; dishes: BoardDish[]; onAdd: (lines: Recognised[]) => void; onClose: () => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [cameraError, setCameraError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [regions, setRegions] = useState<Region[] | null>(null);
  const byId = new Map(dishes.map((d) => [d.dishId, d]));

  useEffect(() => {
    if (!open) return;
    setRegions(null);
    setError(null);
    setCameraError(false);
    let s: MediaStream | null = null;
    let stale = false;
    if (!navigator.mediaDevices?.getUserMedia) { setCameraError(true); return; }
    navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 } }).then((m) => {
      if (stale) { m.getTracks().forEach((x) => x.stop()); return; }
      s = m;
      setStream(m);
    }, () => !stale && setCameraError(true));
    return () => {
      stale = true;
      s?.getTracks().forEach((x) => x.stop());
      setStream(null);
    };
  }, [open]);

  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
  }, [stream, regions]);

  const send = async (dataUrl: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await checkoutApi.recognize(canteenId, base64Of(dataUrl));
      // An empty compartment is no dish: it is left out.
      setRegions(r.regions.filter((g) => !g.empty).map((g) => {
        const candidates = g.candidates.filter((c) => byId.has(c.dishId));
        return { candidates, chosen: candidates[0]?.dishId ?? null };
      }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const snap = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const c = document.createElement('canvas');
    c.width = v.videoWidth;
    c.height = v.videoHeight;
    c.getContext('2d')!.drawImage(v, 0, 0);
    void send(c.toDataURL('image/jpeg', 0.9));
  };

  const pickFile = (f: File | undefined) => {
    if (!f) return;
    const reader = new FileReader();
    reader.onload = () => void send(String(reader.result));
    reader.readAsDataURL(f);
  };

  const choose = (i: number, dishId: number | null) => setRegions((rs) => rs?.map((r, j) => (j === i ? { ...r, chosen: dishId } : r)) ?? null);

  const add = () => {
    const out: Recognised[] = [];
    for (const r of regions ?? []) {
      if (r.chosen === null) continue;
      const top = r.candidates[0];
      const picked = r.candidates.find((c) => c.dishId === r.chosen);
      out.push(top && top.dishId !== r.chosen ? { dishId: r.chosen, suggestedDishId: top.dishId, score: top.score } : { dishId: r.chosen, score: picked?.score });
    }
    onAdd(out);
  };

  return (
    <Modal open={open} onCancel={onClose} footer={null} width={900} destroyOnHidden title={<span style={{ fontSize: 26 }}>{t('识别托盘菜品', 'Recognise the tray')}</span>}>
      <input ref={file} type="file" accept="image/png,image/jpeg" capture="environment" hidden data-testid="tray-photo" onChange={(e) => pickFile(e.target.files?.[0])} />
      {error && <Alert type="error" showIcon title={error} style={{ fontSize: 20, marginBottom: 12 }} />}
      {!regions && (
        <Spin spinning={busy} size="large">
          {!cameraError && <video ref={video} autoPlay playsInline muted style={{ width: '100%', maxHeight: 420, background: '#000', borderRadius: 12 }} />}
          {cameraError && <Alert type="info" showIcon title={t('没有可用的摄像头，请选择托盘照片', 'No camera available: choose a photo of the tray')} style={{ fontSize: 20 }} />}
          <div style={{ display: 'flex', gap: 12, marginTop: 16 }}>
            {!cameraError && <Button type="primary" size="large" icon={<CameraOutlined />} disabled={!stream || busy} onClick={snap} style={{ height: 72, fontSize: 24, flex: 2 }}>{t('拍照识别', 'Take photo')}</Button>}
            <Button size="large" icon={<PictureOutlined />} disabled={busy} onClick={() => file.current?.click()} style={{ height: 72, fontSize: 24, flex: 1 }}>{t('选择照片', 'Choose photo')}</Button>
          </div>
        </Spin>
      )}
      {regions && (
        <div>
          {!regions.length && <Alert type="warning" showIcon title={t('照片中没有识别到菜品，请重拍或手动点选', 'No dish found in the photo: retake it or tap the dishes')} style={{ fontSize: 20 }} />}
          {regions.map((r, i) => (
            <div key={i} style={{ border: '1px solid #e4e7e6', borderRadius: 12, padding: 12, marginBottom: 10, display: 'flex', flexWrap: 'wrap', gap: 10, alignItems: 'center', opacity: r.chosen === null ? 0.5 : 1 }}>
              <span style={{ fontSize: 20, width: 64, color: '#8c8c8c' }}>{t(`区域 ${i + 1}`, `Area ${i + 1}`)}</span>
              {r.candidates.slice(0, 3).map((c) => {
                const d = byId.get(c.dishId)!;
                return (
                  <Button key={c.dishId} size="large" type={r.chosen === c.dishId ? 'primary' : 'default'} onClick={() => choose(i, c.dishId)} style={{ height: 64, fontSize: 22 }}>
                    {dishName(d)} <span style={{ fontSize: 16, opacity: 0.8 }}>{Math.round(c.score * 100)}%</span>
                  </Button>
                );
              })}
              <Select size="large" style={{ minWidth: 200, height: 64 }} placeholder={t('其他菜品', 'Other dish')} aria-label={t('其他菜品', 'Other dish')}
                value={r.chosen !== null && !r.candidates.slice(0, 3).some((c) => c.dishId === r.chosen) ? r.chosen : undefined}
                onChange={(v: number) => choose(i, v)}
                options={dishes.filter((d) => !r.candidates.slice(0, 3).some((c) => c.dishId === d.dishId)).map((d) => ({ value: d.dishId, label: `${dishName(d)} ${yuan(d.priceFen)}` }))} />
              <Button size="large" icon={<CloseOutlined />} aria-label={t('不要这一项', 'Drop this one')} onClick={() => choose(i, null)} style={{ height: 64, width: 64, marginLeft: 'auto' }} />
            </div>
          ))}
          <div style={{ display: 'flex', gap: 12, marginTop: 12 }}>
            <Button size="large" onClick={() => setRegions(null)} style={{ height: 72, fontSize: 24, flex: 1 }}>{t('重拍', 'Retake')}</Button>
            <Button type="primary" size="large" disabled={!regions.some((r) => r.chosen !== null)} onClick={add} style={{ height: 72, fontSize: 24, flex: 2 }}>{t('加入托盘', 'Add to tray')}</Button>
          </div>
        </div>
      )}
    </Modal>
  );
}
