// A pickup locker at the terminal: type a diner's 6-digit code, watch the server open a cell.
//   npm run simulate:locker -- --code LOCKER-YJZH-01 --token demo-scale-token [--cells 24] [--mqtt mqtt://127.0.0.1:1883 | --http http://localhost:3000]
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LockerSimulator } from './locker.ts';

async function main() {
  const { values } = parseArgs({
    options: { code: { type: 'string' }, token: { type: 'string' }, cells: { type: 'string' }, mqtt: { type: 'string' }, http: { type: 'string' } },
  });
  if (!values.code || !values.token) {
    console.error('usage: npm run simulate:locker -- --code LOCKER-YJZH-01 --token <token> [--cells 24] [--mqtt mqtt://127.0.0.1:1883 | --http http://localhost:3000]');
    process.exit(2);
  }
  const url = values.http ?? values.mqtt ?? 'mqtt://127.0.0.1:1883';
  const sim = await LockerSimulator.start({ code: values.code, token: values.token, url, cells: Number(values.cells ?? 24) });
  console.log(`${values.code} connected to ${url}.`);
  console.log('Type a 6-digit pickup code and Enter; "s 3" shuts door 3; q quits.');
  console.log(sim.render());
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  rl.prompt();
  rl.on('line', (line) => void (async () => {
    const text = line.trim();
    if (text === 'q') return rl.close();
    const shut = /^s\s+(\d+)$/.exec(text);
    if (shut) await sim.shut(Number(shut[1]));
    else if (/^\d{6}$/.test(text)) {
      const answer = await sim.enter(text);
      if (!answer) console.log('no answer from the server (is it running?)');
      else if (answer.action === 'open') console.log(`cell ${answer.cell} opens — order ${answer.ref}`);
      else console.log(`${answer.zh} / ${answer.en}`);
    } else console.log('a pickup code has 6 digits');
    console.log(sim.render());
    rl.prompt();
  })());
  rl.on('close', () => void sim.stop().then(() => process.exit(0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
