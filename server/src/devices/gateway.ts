import { randomBytes } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import type { Platform } from '../core/context.ts';
import { startBroker } from './broker.ts';
import { deviceTopic } from './contracts.ts';
import { readingHub } from './hub.ts';

export interface DeviceGateway {
  /** Where devices connect: the embedded broker on this machine, or MQTT_URL without its password. */
  url: string;
  embedded: boolean;
  /** The embedded broker's port (the real one when MQTT_PORT is 0); null with an external broker. */
  port: number | null;
  /** Stops the MQTT client, the embedded broker and its sockets, and ends every reading stream. */
  close(): Promise<void>;
}

const READING_TOPICS = deviceTopic('+', 'reading');
const running = new WeakMap<Platform, DeviceGateway>();
const clients = new WeakMap<Platform, MqttClient>();

export const runningGateway = (platform: Platform): DeviceGateway | null => running.get(platform) ?? null;

const withoutPassword = (url: string) => {
  const u = new URL(url);
  u.password = '';
  return u.toString();
};

/** A payload that is not JSON becomes undefined, which no reading schema accepts: counted as malformed. */
function parseJson(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Starts the embedded broker (unless config names an external one in MQTT_URL) and the gateway's
 * MQTT client, which feeds every device reading into the platform's reading hub. `port` overrides
 * MQTT_PORT; tests pass 0 for a free port.
 */
export async function startDeviceGateway(platform: Platform, opts: { port?: number } = {}): Promise<DeviceGateway> {
  const hub = readingHub(platform);
  const { config } = platform;
  const broker = config.mqttUrl ? null : await startBroker(hub, platform.events, { port: opts.port ?? config.mqttPort, host: config.host });
  const host = !broker || ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host;
  const url = broker ? `mqtt://${host}:${broker.port}` : config.mqttUrl!;
  const client = connect(url, {
    clientId: `sl-gateway-${randomBytes(6).toString('hex')}`,
    reconnectPeriod: 2000,
    ...(broker && { username: broker.gatewayUser, password: broker.gatewayPassword }),
  });
  // The client reconnects by itself (and resubscribes); an unreachable external broker must not stop the server.
  client.on('error', (err) => console.error(`[devices] MQTT ${withoutPassword(url)}: ${err.message}`));
  if (broker) {
    // The embedded broker hands readings over in-process; the client only sends commands.
    const connected = new Promise<void>((resolve) => client.once('connect', () => resolve()));
    await broker.onReadings((code, payload) => void hub.accept(code, parseJson(payload)));
    await connected;
  } else {
    client.on('message', (topic, payload) => void hub.accept(topic.split('/')[2] ?? '', parseJson(payload)));
    const subscribed = new Promise<void>((resolve, reject) => {
      client.once('connect', () => client.subscribe(READING_TOPICS, { qos: 0 }, (err) => (err ? reject(err) : resolve())));
    });
    subscribed.then(() => console.log(`[devices] listening to ${withoutPassword(url)}`), (err: Error) => console.error('[devices] MQTT subscribe failed', err.message));
  }

  let closing: Promise<void> | undefined;
  const gateway: DeviceGateway = {
    url: withoutPassword(url),
    embedded: !!broker,
    port: broker?.port ?? null,
    close: () => (closing ??= (async () => {
      running.delete(platform);
      await client.endAsync(true);
      await broker?.close();
      await hub.close();
    })()),
  };
  running.set(platform, gateway);
  clients.set(platform, client);
  return gateway;
}

/**
 * Sends a command to one device on `sl/devices/<code>/command` (a locker opening a cell). False when
 * the gateway is not connected: the caller decides what that means (the device keeps its door shut).
 */
export async function sendDeviceCommand(platform: Platform, code: string, command: unknown): Promise<boolean> {
  const client = running.has(platform) ? clients.get(platform) : undefined;
  if (!client?.connected) return false;
  await client.publishAsync(deviceTopic(code, 'command'), JSON.stringify(command), { qos: 1 });
  return true;
}
