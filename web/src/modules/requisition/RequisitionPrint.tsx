import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { get } from '../../api.ts';
import { t } from '../../i18n.ts';
import { PrintSheet } from '../../shell/PrintSheet.tsx';
import { categoryLabel, unitLabel } from '../ingredient/shared.tsx';
import type { Requisition } from './RequisitionDetail.tsx';
import { rangeText, statusLabel } from './status.tsx';

const money = (fen: number | null | undefined) => (fen == null ? '' : (fen / 100).toFixed(2));

/** 1234.5 元 → 壹仟贰佰叁拾肆元伍角整, as written on Chinese finance forms. */
export function yuanInWords(fen: number): string {
  if (!Number.isFinite(fen) || fen < 0) return '';
  const D = '零壹贰叁肆伍陆柒捌玖';
  const U = ['', '拾', '佰', '仟'];
  const BIG = ['', '万', '亿', '万亿'];
  const whole = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const fenD = fen % 10;
  let out = '';
  if (whole > 0) {
    const digits = String(whole).split('').map(Number);
    let pendingZero = false;
    let groupHas = false;
    digits.forEach((d, i) => {
      const pos = digits.length - 1 - i;
      if (d === 0) pendingZero = true;
      else {
        if (pendingZero && out) out += '零';
        pendingZero = false;
        out += D[d]! + U[pos % 4]!;
        groupHas = true;
      }
      if (pos % 4 === 0 && pos > 0) {
        if (groupHas) out += BIG[pos / 4]!;
        groupHas = false;
      }
    });
    out += '元';
  }
  if (!jiao && !fenD) return `${whole ? out : '零元'}整`;
  if (jiao) out += `${D[jiao]}角`;
  else if (whole) out += '零';
  out += fenD ? `${D[fenD]}分` : '整';
  return out;
}

/** A clean A4 sheet for purchasing and signatures, drawn over the whole window (menus hidden on screen and on paper). */
export function RequisitionPrint() {
  const { id } = useParams();
  const [req, setReq] = useState<Requisition | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void get<Requisition>(`/api/requisitions/${id}`).then(setReq).catch((e) => setError((e as Error).message));
  }, [id]);

  const lines = (req?.lines ?? []).filter((l) => l.qty > 0);
  const total = lines.reduce((s, l) => s + (l.unitPriceFen == null ? 0 : l.unitPriceFen * l.qty), 0);
  const approved = req?.status === 'approved';

  return (
    <PrintSheet title={req && `${t('请购单', 'Requisition')} ${req.no}`} backTo={`/requisitions/${id}`} ready={!!req} error={error}>
      {req && (
        <>
          <h1>{t('请购单', 'Purchase requisition')}</h1>
          <div className="ps-meta">
            <div>{t('食堂', 'Canteen')}：{req.canteenName}</div>
            <div>{t('单号', 'Number')}：{req.no}</div>
            <div>{t('用料日期', 'For dates')}：{rangeText(req.dateFrom, req.dateTo)}</div>
            <div>{t('制单日期', 'Made on')}：{dayjs(req.createdAt).format('YYYY-MM-DD')}　{t('状态', 'Status')}：{statusLabel(req.status)}</div>
          </div>
          <table>
            <thead>
              <tr>
                <th style={{ width: '7%' }}>{t('序号', 'No.')}</th>
                <th>{t('食材', 'Ingredient')}</th>
                <th style={{ width: '9%' }}>{t('类别', 'Category')}</th>
                <th style={{ width: '11%' }}>{t('数量', 'Qty')}</th>
                <th style={{ width: '11%' }}>{t('单价（元）', 'Unit price')}</th>
                <th style={{ width: '13%' }}>{t('金额（元）', 'Amount')}</th>
                <th style={{ width: '20%' }}>{t('供应商', 'Supplier')}</th>
                <th style={{ width: '12%' }}>{t('备注', 'Note')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={l.ingredientId}>
                  <td className="num" style={{ textAlign: 'center' }}>{i + 1}</td>
                  <td>{l.name}</td>
                  <td>{categoryLabel(l.category)}</td>
                  <td className="num">{l.qty} {unitLabel(l.purchaseUnit)}</td>
                  <td className="num">{money(l.unitPriceFen)}</td>
                  <td className="num">{l.unitPriceFen == null ? '' : money(l.unitPriceFen * l.qty)}</td>
                  <td>{l.supplierName ?? ''}</td>
                  <td>{l.note}</td>
                </tr>
              ))}
              <tr>
                <td colSpan={5} style={{ fontWeight: 600 }}>{t('合计', 'Total')}（{t('大写', 'in words')}：{yuanInWords(total)}）</td>
                <td className="num" style={{ fontWeight: 600 }}>¥{money(total)}</td>
                <td colSpan={2} />
              </tr>
            </tbody>
          </table>
          {req.note && <p style={{ marginTop: '4mm' }}>{t('说明', 'Note')}：{req.note}</p>}
          <div className="ps-sign" style={{ gridTemplateColumns: '1fr 1fr' }}>
            <div>{t('制单', 'Prepared by')}：{req.createdByName ?? ''}　　{t('日期', 'Date')}：{dayjs(req.createdAt).format('YYYY-MM-DD')}</div>
            <div>{t('审核', 'Approved by')}：{approved ? req.decidedByName ?? '' : ''}　　{t('日期', 'Date')}：{approved && req.decidedAt ? dayjs(req.decidedAt).format('YYYY-MM-DD') : ''}</div>
          </div>
        </>
      )}
    </PrintSheet>
  );
}
