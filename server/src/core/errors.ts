/** The one error shape of the API: {code, message, details}. Messages exist in Chinese and English. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 423 | 429 | 503,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly details?: unknown,
  ) {
    super(en);
  }
}

export type Lang = 'zh' | 'en';

export const notFound = (what: { zh: string; en: string }) =>
  new AppError(404, 'not_found', `${what.zh}不存在或无权查看`, `${what.en} not found or not visible to you`);

export const forbidden = () =>
  new AppError(403, 'forbidden', '您没有执行此操作的权限', 'You do not have permission to do this');

export const conflict = (code: string, zh: string, en: string, details?: unknown) =>
  new AppError(409, code, zh, en, details);

/** A client's request key (idempotency key) already names a different piece of business. */
export const keyReused = () =>
  conflict('request_key_reused', '该请求键已用于另一笔业务，请重新提交', 'This request key was used for another transaction; submit again');

export const invalid = (code: string, zh: string, en: string, details?: unknown) =>
  new AppError(422, code, zh, en, details);
