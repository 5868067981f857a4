// A canteen's camera system (NVR with AI) pushing kitchen events with snapshots to the platform.
//   npm run simulate:kitchen-camera -- --canteen YJZH --token demo-camera-token [--cameras 3] [--every 30] [--url http://localhost:3000]
//   npm run simulate:kitchen-camera -- --camera CAM-X-01 --token <token>
// Type an event kind (no_hat, rodent, …) and Enter to send one now; q quits.
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { KITCHEN_EVENT_KINDS, KitchenCameraSimulator, type KitchenEventKind } from './kitchen-camera.ts';

const usage = 'usage: npm run simulate:kitchen-camera -- (--canteen YJZH [--cameras 3] | --camera CODE …) --token <token> [--every 30] [--url http://localhost:3000]';
const { values } = parseArgs({
  options: {
    canteen: { type: 'string' }, cameras: { type: 'string' }, camera: { type: 'string', multiple: true },
    token: { type: 'string' }, every: { type: 'string' }, url: { type: 'string' },
  },
});
const codes = values.canteen
  ? Array.from({ length: Number(values.cameras ?? 1) }, (_, i) => `CAM-${values.canteen!.toUpperCase()}-${String(i + 1).padStart(2, '0')}`)
  : (values.camera ?? []).map((c) => c.toUpperCase());
if (!codes.length || !values.token) {
  console.error(usage);
  process.exit(2);
}
const url = values.url ?? 'http://localhost:3000';
const sim = new KitchenCameraSimulator({ url, cameras: codes.map((code) => ({ code, token: values.token! })) });
const send = async (kind?: KitchenEventKind) => {
  try {
    const r = await sim.post({ kind });
    console.log(`${r.event.cameraCode} ${r.event.type} ${r.event.confidence} → HTTP ${r.status} ${JSON.stringify(r.body)}`);
  } catch (err) {
    console.error(`not sent: ${(err as Error).message}`);
  }
};
const everyS = Number(values.every ?? 30);
console.log(`cameras ${codes.join(', ')} posting to ${url}/api/monitoring/kitchen-events, one event every ${everyS} s.`);
console.log(`Type a kind (${KITCHEN_EVENT_KINDS.join(', ')}) to send one now; q quits.`);
const timer = setInterval(() => void send(), everyS * 1000);
const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
rl.prompt();
rl.on('line', (line) => void (async () => {
  const text = line.trim();
  if (text === 'q') return rl.close();
  if (text && !KITCHEN_EVENT_KINDS.includes(text as KitchenEventKind)) console.log(`kinds: ${KITCHEN_EVENT_KINDS.join(', ')}`);
  else await send(text ? text as KitchenEventKind : undefined);
  rl.prompt();
})());
const quit = () => {
  clearInterval(timer);
  process.exit(0);
};
// Without a terminal (started in the background) it keeps posting until stopped.
rl.on('close', () => process.stdin.isTTY && quit());
process.once('SIGINT', quit);
process.once('SIGTERM', quit);
