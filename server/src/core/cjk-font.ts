import fs from 'node:fs/promises';

/** A font file that renders Chinese: its path, its face inside a collection (.ttc, PostScript name) and its family name. */
export interface CjkFont {
  file: string;
  face?: string;
  family?: string;
}

/**
 * Debian's CJK fonts, best first (fonts-noto-cjk, fonts-wqy-*, fonts-droid-fallback). Collections hold one face
 * per region; pdfkit picks it by PostScript name, Pango (the watermark) by family name.
 */
const CJK_FONTS: CjkFont[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular', family: 'Noto Serif CJK SC' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei', family: 'WenQuanYi Micro Hei' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei', family: 'WenQuanYi Zen Hei' },
  { file: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', family: 'Droid Sans Fallback' },
];

export const fileExists = (file: string) => fs.access(file).then(() => true, () => false);

/**
 * The CJK font to use: PDF_FONT (with PDF_FONT_FACE, PDF_FONT_FAMILY) when set, else the first of Debian's that is
 * installed. `missing` builds the caller's error (each says what could not be made) from what was searched.
 */
export async function findCjkFont(missing: (detail: string) => Error): Promise<CjkFont> {
  const { PDF_FONT: file, PDF_FONT_FACE: face, PDF_FONT_FAMILY: family } = process.env;
  if (file) {
    if (!(await fileExists(file))) throw missing(`PDF_FONT=${file} not found`);
    return { file, face: face || undefined, family: family || undefined };
  }
  for (const f of CJK_FONTS) if (await fileExists(f.file)) return f;
  throw missing('searched /usr/share/fonts');
}
