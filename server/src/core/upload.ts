import type { Context } from 'hono';
import { z, type ZodType } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { AppError, type Lang } from './errors.ts';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Reads a multipart upload: the `file` part plus form fields validated by `fields`. */
export async function readUpload<F extends ZodType>(c: Context, fields: F, lang: Lang): Promise<{ bytes: Buffer; name: string; type: string; fields: z.infer<F> }> {
  const size = Number(c.req.header('content-length') ?? 0);
  if (size > MAX_UPLOAD_BYTES) throw new AppError(400, 'file_too_large', '文件不能超过 10 MB', 'The file must be at most 10 MB');
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new AppError(400, 'bad_upload', '上传内容无法读取，请重新选择文件', 'The upload could not be read; choose the file again');
  }
  const file = form.file;
  if (!(file instanceof File) || file.size === 0) throw new AppError(400, 'file_missing', '请选择要上传的文件', 'Choose a file to upload');
  if (file.size > MAX_UPLOAD_BYTES) throw new AppError(400, 'file_too_large', '文件不能超过 10 MB', 'The file must be at most 10 MB');
  const parsed = fields.safeParse(Object.fromEntries(Object.entries(form).filter(([k]) => k !== 'file')), { error: (lang === 'en' ? en : zhCN)().localeError });
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new AppError(400, 'invalid_request', `表单有误：${i.path.join('.')}: ${i.message}`, `Invalid form: ${i.path.join('.')}: ${i.message}`, { issues: parsed.error.issues });
  }
  return { bytes: Buffer.from(await file.arrayBuffer()), name: file.name, type: file.type, fields: parsed.data };
}

/** Form fields of every spreadsheet import: the owning organisation (default: the caller's) and whether to skip bad rows. */
export const ImportFields = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  skipBadRows: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
