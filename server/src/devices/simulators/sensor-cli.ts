// The temperature probes of a canteen: every few seconds each publishes its value (compressor cycle,
// doors now and then). Type commands to open a door or let a compressor fail and watch the alerts.
//   npm run simulate:sensors -- --canteen YJZH --token demo-scale-token [--every 5] [--mqtt mqtt://127.0.0.1:1883 | --http http://localhost:3000]
//   npm run simulate:sensors -- --sensor SENSOR-X-01=cold_room --sensor SENSOR-X-02=freezer --token <token>
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { DEMO_SENSOR_LAYOUT, demoSensorCode, SensorSimulator, type SensorPlaceKind } from './sensor.ts';

const PLACES: SensorPlaceKind[] = ['cold_room', 'freezer', 'fridge', 'prep_room', 'sample_fridge', 'other'];
const usage = 'usage: npm run simulate:sensors -- (--canteen YJZH | --sensor CODE=place …) --token <token> [--every 5] [--mqtt mqtt://127.0.0.1:1883 | --http http://localhost:3000]';

const { values } = parseArgs({
  options: {
    canteen: { type: 'string' }, sensor: { type: 'string', multiple: true }, token: { type: 'string' },
    every: { type: 'string' }, mqtt: { type: 'string' }, http: { type: 'string' },
  },
});
const sensors = values.canteen
  ? DEMO_SENSOR_LAYOUT.map((s, i) => ({ code: demoSensorCode(values.canteen!.toUpperCase(), i + 1), place: s.place, label: s.zh }))
  : (values.sensor ?? []).map((s) => {
    const [code, place = 'cold_room'] = s.split('=');
    if (!PLACES.includes(place as SensorPlaceKind)) throw new Error(`place must be one of ${PLACES.join(', ')}`);
    return { code: code!.toUpperCase(), place: place as SensorPlaceKind, label: place };
  });
if (!sensors.length || !values.token) {
  console.error(usage);
  process.exit(2);
}
const url = values.http ?? values.mqtt ?? 'mqtt://127.0.0.1:1883';
const everyS = Number(values.every ?? 5);
const sim = await SensorSimulator.start({ sensors, token: values.token, url, everyS });
console.log(`${sensors.length} sensors connected to ${url}, each sending every ${everyS} s:`);
sensors.forEach((s, i) => console.log(`  ${i + 1}. ${s.code}  ${s.label}`));
console.log('Commands: "door 2" opens door 2 for 2 minutes, "fail 3" lets compressor 3 fail, "fix 3" repairs it, "show", q quits.');

const byNumber = (n: string) => sensors[Number(n) - 1];
const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
rl.prompt();
rl.on('line', (line) => {
  const [cmd, n] = line.trim().split(/\s+/);
  const s = n ? byNumber(n) : undefined;
  if (cmd === 'q') return rl.close();
  if (cmd === 'show') {
    for (const x of sensors) {
      const r = sim.last.get(x.code);
      console.log(`  ${x.code}  ${r ? `${r.temperatureC} °C${r.humidityPct === undefined ? '' : ` ${r.humidityPct} %`}` : '—'}${sim.model(x.code).doorOpen ? '  door open' : ''}`);
    }
  } else if (!s) console.log('which sensor? e.g. "door 2"');
  else if (cmd === 'door') sim.model(s.code).openDoor(120);
  else if (cmd === 'fail') sim.model(s.code).fail(true);
  else if (cmd === 'fix') sim.model(s.code).fail(false);
  else console.log('commands: door N, fail N, fix N, show, q');
  rl.prompt();
});
const timer = setInterval(() => console.log(`  ${sim.sent} readings sent`), 60_000);
timer.unref();
const quit = () => void sim.stop().then(() => process.exit(0));
// Without a terminal (started in the background) it keeps sending until stopped.
rl.on('close', () => process.stdin.isTTY && quit());
process.once('SIGINT', quit);
process.once('SIGTERM', quit);
