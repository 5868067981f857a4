import fs from 'node:fs';

/** Reads a simple CSV shipped in the repo (no quoted fields) into records keyed by the header. */
export function readDataCsv(file: string): Record<string, string>[] {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l.trim());
  const keys = head!.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
  });
}
