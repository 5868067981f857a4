// A receiving scale at the terminal: type a weight, watch it settle in the platform.
//   npm run simulate:scale -- --code SCALE-YJZH-01 --token demo-scale-token [--mqtt mqtt://127.0.0.1:1883 | --http http://localhost:3000]
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ScaleSimulator } from './scale.ts';

const GRAMS_PER: Record<string, number> = { '': 1, g: 1, '克': 1, kg: 1000, '千克': 1000, '公斤': 1000, jin: 500, '斤': 500 };

/** "12.5kg", "3斤", "800" (grams) → grams; null for anything else. */
export function parseWeight(text: string): number | null {
  const m = /^(-?\d+(?:\.\d+)?)\s*([a-z\u4e00-\u9fff]*)$/i.exec(text.trim());
  const per = m && GRAMS_PER[m[2]!.toLowerCase()];
  return per ? Math.round(Number(m[1]) * per) : null;
}

async function main() {
  const { values } = parseArgs({
    options: { code: { type: 'string' }, token: { type: 'string' }, mqtt: { type: 'string' }, http: { type: 'string' } },
  });
  if (!values.code || !values.token) {
    console.error('usage: npm run simulate:scale -- --code SCALE-YJZH-01 --token <token> [--mqtt mqtt://127.0.0.1:1883 | --http http://localhost:3000]');
    process.exit(2);
  }
  const url = values.http ?? values.mqtt ?? 'mqtt://127.0.0.1:1883';
  const sim = await ScaleSimulator.start({ code: values.code, token: values.token, url });
  console.log(`${values.code} connected to ${url}, sending 5 readings a second.`);
  console.log('Type a weight and Enter (800 = 800 g, 12.5kg, 3斤); 0 or c clears the scale; q quits.');
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  rl.prompt();
  rl.on('line', (line) => {
    const text = line.trim();
    if (text === 'q') return rl.close();
    if (text === 'c' || text === '0') sim.clear();
    else {
      const grams = parseWeight(text);
      if (grams === null) console.log('not a weight; examples: 800, 12.5kg, 3斤');
      else sim.place(grams);
    }
    rl.prompt();
  });
  rl.on('close', () => void sim.stop().then(() => process.exit(0)));
}

// Run as a script, not when a test imports parseWeight.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
