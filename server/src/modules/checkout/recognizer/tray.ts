import { invalid } from '../../../core/errors.ts';
import { borderColour, FOREGROUND_DIFF } from './features.ts';
import type { PixelBox, RgbImage } from './image.ts';

/*
 * Tray segmentation by a fixed compartment layout.
 *
 * Assumption: the station's camera is fixed above a tray rest and the canteen uses one or a few kinds
 * of compartment tray, so each compartment sits at a known place in the photo (a fraction of its width
 * and height). Each compartment holds at most one plate or bowl, and the tray's colour is visible
 * around the compartments (its rim) and differs from the china. A compartment counts as empty when
 * less than `minOccupied` of it differs from the rim's colour: crumbs and a drop of sauce stay under
 * that. Learning a detector (UNIMIB2016-style) would lift the fixed layout; not needed for one tray rest.
 */

/** A compartment as fractions (0–1) of the tray photo's width and height. */
export interface Compartment {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TrayLayout {
  compartments: readonly Compartment[];
  /** Share of each compartment's width and height trimmed off every side, for a tray set down slightly off. */
  inset?: number;
  /** Share of a compartment that must differ from the tray's colour for it to hold a dish. */
  minOccupied?: number;
}

/** Common canteen trays (快餐盘): four equal compartments, or two small ones above a wide one. */
export const TRAY_LAYOUTS = {
  '2x2': {
    compartments: [
      { x: 0.04, y: 0.05, w: 0.45, h: 0.43 },
      { x: 0.51, y: 0.05, w: 0.45, h: 0.43 },
      { x: 0.04, y: 0.52, w: 0.45, h: 0.43 },
      { x: 0.51, y: 0.52, w: 0.45, h: 0.43 },
    ],
  },
  '3-compartment': {
    compartments: [
      { x: 0.04, y: 0.05, w: 0.45, h: 0.43 },
      { x: 0.51, y: 0.05, w: 0.45, h: 0.43 },
      { x: 0.04, y: 0.52, w: 0.92, h: 0.43 },
    ],
  },
} satisfies Record<string, TrayLayout>;

export interface TrayRegion {
  /** Index of the compartment in the layout. */
  index: number;
  /** Where it was cut from the photo, in pixels. */
  box: PixelBox;
  empty: boolean;
  /** Share of the compartment that differs from the tray's colour. */
  occupied: number;
}

function checkLayout(layout: TrayLayout): void {
  const ok =
    layout.compartments.length > 0 &&
    layout.compartments.every((c) => [c.x, c.y, c.w, c.h].every(Number.isFinite) && c.x >= 0 && c.y >= 0 && c.w > 0 && c.h > 0 && c.x + c.w <= 1.0001 && c.y + c.h <= 1.0001);
  if (!ok) throw invalid('tray_layout_invalid', '餐盘格局无效：每个格子须在图片范围内（0–1 的比例）', 'Invalid tray layout: every compartment must lie within the image (fractions 0–1)');
}

/** Cuts the tray photo into its compartments and tells which of them hold something. */
export function segmentTray(img: RgbImage, layout: TrayLayout): TrayRegion[] {
  checkLayout(layout);
  const inset = layout.inset ?? 0.03;
  const minOccupied = layout.minOccupied ?? 0.08;
  const [br, bg, bb] = borderColour(img, 0.025);
  return layout.compartments.map((c, index) => {
    const box = {
      x: Math.round((c.x + c.w * inset) * img.width),
      y: Math.round((c.y + c.h * inset) * img.height),
      w: Math.round(c.w * (1 - 2 * inset) * img.width),
      h: Math.round(c.h * (1 - 2 * inset) * img.height),
    };
    const step = Math.max(1, Math.floor(Math.min(box.w, box.h) / 60));
    let n = 0;
    let fg = 0;
    for (let y = box.y; y < box.y + box.h; y += step) {
      for (let x = box.x; x < box.x + box.w; x += step) {
        const i = (y * img.width + x) * 3;
        n++;
        // A notch below the plate threshold: compartments are a shade darker than the rim.
        if (Math.max(Math.abs(img.data[i]! - br), Math.abs(img.data[i + 1]! - bg), Math.abs(img.data[i + 2]! - bb)) > FOREGROUND_DIFF + 10) fg++;
      }
    }
    const occupied = n ? fg / n : 0;
    return { index, box, empty: occupied < minOccupied, occupied };
  });
}
