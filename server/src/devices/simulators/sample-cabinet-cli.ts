// A sample cabinet (留样柜) at the terminal: put boxes in, take them out, warm it up; or let it run a meal by itself.
//   npm run simulate:sample-cabinet -- --code CAB-YJZH-01 --token demo-scale-token [--mqtt mqtt://127.0.0.1:1883 | --http http://localhost:3000] [--auto 20]
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SampleCabinetSimulator } from './sample-cabinet.ts';

const HELP = `Commands:
  p              put a box in the first free slot (130–220 g, now and then a light one)
  p 5 180        put a 180 g box in slot 5
  r 5            take the box out of slot 5
  t 10           hold the cabinet at 10 °C (t off: back to 2–6 °C)
  s              show the slots
  q              quit`;

async function main() {
  const { values } = parseArgs({
    options: { code: { type: 'string' }, token: { type: 'string' }, mqtt: { type: 'string' }, http: { type: 'string' }, slots: { type: 'string' }, auto: { type: 'string' } },
  });
  if (!values.code || !values.token) {
    console.error('usage: npm run simulate:sample-cabinet -- --code CAB-YJZH-01 --token <token> [--mqtt mqtt://127.0.0.1:1883 | --http http://localhost:3000] [--slots 80] [--auto <seconds between boxes>]');
    process.exit(2);
  }
  const url = values.http ?? values.mqtt ?? 'mqtt://127.0.0.1:1883';
  const sim = await SampleCabinetSimulator.start({ code: values.code, token: values.token, url, slots: Number(values.slots ?? 80) });
  console.log(`${values.code} connected to ${url}; temperature every minute (2–6 °C).`);
  let auto: NodeJS.Timeout | undefined;
  if (values.auto) {
    // A meal's samples boxed one after another, as the keeper would: one box every N seconds.
    const every = Math.max(2, Number(values.auto)) * 1000;
    auto = setInterval(() => void sim.place().then((b) => console.log(`slot ${b.slot}: ${b.grams} g placed`), (e: Error) => console.log(e.message)), every);
    console.log(`auto: a box every ${every / 1000} s`);
  }
  console.log(HELP);
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  rl.prompt();
  rl.on('line', (line) => void (async () => {
    const [cmd, a, b] = line.trim().split(/\s+/);
    try {
      if (cmd === 'q') return rl.close();
      if (cmd === 'p') {
        const box = await sim.place(a ? Number(a) : undefined, b ? Number(b) : undefined);
        console.log(`slot ${box.slot}: ${box.grams} g placed`);
      } else if (cmd === 'r' && a) {
        await sim.remove(Number(a));
        console.log(`slot ${a}: removed`);
      } else if (cmd === 't' && a) {
        await sim.setTemperature(a === 'off' ? null : Number(a));
        console.log(a === 'off' ? 'temperature drifts in 2–6 °C again' : `held at ${a} °C`);
      } else if (cmd === 's') console.log(sim.render());
      else if (cmd) console.log(HELP);
    } catch (err) {
      console.log((err as Error).message);
    }
    rl.prompt();
  })());
  rl.on('close', () => {
    clearInterval(auto);
    void sim.stop().then(() => process.exit(0));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
