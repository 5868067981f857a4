/**
 * A stored photo or document shown in the page (not downloaded): its type, a private cache for
 * `maxAgeS` seconds, and its file name when it has one (Chinese names kept by RFC 5987).
 */
export function inlineFile(bytes: Buffer, type: string, opts: { maxAgeS: number; fileName?: string }): Response {
  const headers: Record<string, string> = { 'content-type': type, 'cache-control': `private, max-age=${opts.maxAgeS}` };
  if (opts.fileName !== undefined) headers['content-disposition'] = `inline; filename*=UTF-8''${encodeURIComponent(opts.fileName)}`;
  return new Response(new Uint8Array(bytes), { headers });
}
