// A publisher thread of bench/sensors.ts (plain JavaScript: worker threads do not load tsx):
// one MQTT connection per sensor (user name = code, password = token), each keeping `window`
// readings in flight (or all together `rate` readings a second) until the main thread says stop;
// reports how many it sent.
import { connectAsync } from 'mqtt';
import { parentPort, workerData } from 'node:worker_threads';

const job = workerData;
let stop = false;
let sent = 0;
parentPort.on('message', (m) => {
  if (m === 'stop') stop = true;
});
const clients = await Promise.all(job.sensors.map((s) => connectAsync(job.url, { username: s.code, password: s.token, clientId: `${s.code}-bench`, reconnectPeriod: 0 })));
parentPort.postMessage({ ready: true });

async function pump(client, code) {
  const topic = `sl/devices/${code}/reading`;
  let x = 0;
  while (!stop) {
    await new Promise((resolve) => {
      let left = job.window;
      for (let i = 0; i < job.window; i++) {
        x = (x + 1) % 40;
        const payload = `{"temperatureC":${(2 + x / 10).toFixed(1)},"humidityPct":${80 + (x % 5)},"at":"${new Date().toISOString()}"}`;
        client.publish(topic, payload, { qos: job.qos }, () => {
          if (--left === 0) resolve();
        });
      }
    });
    sent += job.window;
    // QoS 0 callbacks come back once the packet is buffered: wait while the socket is full (TCP
    // backpressure from the broker), and give the thread a turn to hear "stop" and report.
    if (client.stream.writableNeedDrain) await new Promise((resolve) => client.stream.once('drain', resolve));
    else await new Promise((resolve) => setImmediate(resolve));
  }
}

/** At a fixed rate instead (job.rate readings a second over all connections), in ticks of 50 ms. */
async function paced() {
  const start = performance.now();
  let x = 0;
  while (!stop) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Due by the clock, not by ticks: a late timer sends more, so the rate holds.
    const due = Math.floor(((performance.now() - start) * job.rate) / 1000);
    while (sent < due) {
      const i = sent % clients.length;
      x = (x + 1) % 40;
      clients[i].publish(`sl/devices/${job.sensors[i].code}/reading`, `{"temperatureC":${(2 + x / 10).toFixed(1)},"humidityPct":${80 + (x % 5)},"at":"${new Date().toISOString()}"}`, { qos: job.qos });
      sent++;
    }
  }
}

const counter = setInterval(() => parentPort.postMessage({ sent }), 200);
if (job.rate) await paced();
else await Promise.all(clients.map((c, i) => pump(c, job.sensors[i].code)));
clearInterval(counter);
parentPort.postMessage({ sent });
await Promise.all(clients.map((c) => c.endAsync(true)));
parentPort.postMessage({ done: true });
