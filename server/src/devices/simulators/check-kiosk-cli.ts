// A morning-check kiosk (晨检仪) at the kitchen door: workers show their badge, the kiosk measures and the server answers.
//   npm run simulate:check-kiosk -- --code KIOSK-YJZH-01 --token demo-scale-token --badges YJZH-W01,YJZH-W02,YJZH-W03 [--fever-rate 0.1] [--gap 1000]
//   npm run simulate:check-kiosk -- --code KIOSK-YJZH-01 --token demo-scale-token        (type "YJZH-W04" or "YJZH-W04 37.8")
//   [--mqtt mqtt://127.0.0.1:1883 | --http http://localhost:3000]
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CheckKioskCommand, CheckKioskReading } from '../contracts.ts';
import { CheckKioskSimulator } from './check-kiosk.ts';

function show(r: { reading: CheckKioskReading; answer: CheckKioskCommand | null }, http: boolean) {
  const head = `${r.reading.badge.padEnd(12)} ${r.reading.temperatureC.toFixed(1)} °C`;
  if (http) console.log(`${head}  sent`);
  else if (!r.answer) console.log(`${head}  no answer from the server (is it running?)`);
  else console.log(`${head}  ${r.answer.status === 'fit' ? '✔' : r.answer.status === 'unfit' ? '✘' : '·'} ${r.answer.name ?? ''} ${r.answer.zh} / ${r.answer.en}`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      code: { type: 'string' }, token: { type: 'string' }, badges: { type: 'string' }, 'fever-rate': { type: 'string' }, gap: { type: 'string' },
      mqtt: { type: 'string' }, http: { type: 'string' },
    },
  });
  if (!values.code || !values.token) {
    console.error('usage: npm run simulate:check-kiosk -- --code KIOSK-YJZH-01 --token <token> [--badges B1,B2,…] [--fever-rate 0.05] [--gap 1000] [--mqtt mqtt://127.0.0.1:1883 | --http http://localhost:3000]');
    process.exit(2);
  }
  const url = values.http ?? values.mqtt ?? 'mqtt://127.0.0.1:1883';
  const http = !!values.http;
  const sim = await CheckKioskSimulator.start({ code: values.code, token: values.token, url, feverRate: Number(values['fever-rate'] ?? 0.05) });
  console.log(`${values.code} connected to ${url}.`);
  if (values.badges) {
    const badges = values.badges.split(',').map((b) => b.trim()).filter(Boolean);
    await sim.round(badges, Number(values.gap ?? 800), (r) => show(r, http));
    await sim.stop();
    return;
  }
  console.log('Type a badge and Enter (optionally a temperature: "YJZH-W04 37.8"); q quits.');
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  rl.prompt();
  rl.on('line', (line) => void (async () => {
    const [badge, temp] = line.trim().split(/\s+/);
    if (badge === 'q') return rl.close();
    if (badge) {
      try {
        show(await sim.check(badge, temp ? { temperatureC: Number(temp) } : {}), http);
      } catch (err) {
        console.log((err as Error).message);
      }
    }
    rl.prompt();
  })());
  rl.on('close', () => void sim.stop().then(() => process.exit(0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
