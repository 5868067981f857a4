// wrk (C, one thread) as the load generator of the HTTP benchmarks: a Node client would take a core of the two the
// server is measured on. `npm run bench` installs it (scripts/setup.mjs).
import { execFileSync } from 'node:child_process';

export interface WrkResult {
  requests: number;
  perSecond: number;
  /** Latency percentile in ms, from wrk's --latency distribution (50, 75, 90, 99). */
  latency(p: 50 | 75 | 90 | 99): number;
  non2xx: number;
}

/** Runs `script` (Lua, building each request; `init(args)` gets `args`) against `base` with `connections` clients for `seconds`. */
export function wrk(script: string, base: string, connections: number, seconds: number, args: string[] = []): WrkResult {
  const out = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '--timeout', '30s', '-s', script, base, '--', ...args]).toString();
  return {
    requests: Number(/(\d+) requests in/.exec(out)![1]),
    perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)![1]),
    latency: (p) => {
      const [, n, unit] = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out)!;
      return Number(n) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[unit!]!;
    },
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
  };
}
