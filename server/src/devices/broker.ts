import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { EventBus } from '../core/events.ts';
import { deviceTopic } from './contracts.ts';
import { DEVICE_CHANGED, type DeviceChanged } from './events.ts';
import { FairTurns } from './fair-turns.ts';
import type { ReadingHub } from './hub.ts';

export interface EmbeddedBroker {
  port: number;
  /** Credentials of the gateway's own client: random per start, so no device can pose as it. */
  gatewayUser: string;
  gatewayPassword: string;
  /**
   * Hands every reading published by a device (after its topic was authorised) to `handler` inside
   * this process — no second MQTT hop through a socket — at most READINGS_PER_TURN a turn, fairly
   * between devices (FairTurns).
   */
  onReadings(handler: (code: string, payload: Buffer) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * Readings handled per turn of the event loop at most. A device's next packets are read only once
 * its last ones were handled, so a flood waits in the devices' sockets, and HTTP requests, the
 * database and alerts get a turn every READINGS_PER_TURN readings (tens of milliseconds).
 */
const READINGS_PER_TURN = 500;

const refused = (): AuthenticateError => Object.assign(new Error('bad device code or token'), { returnCode: 4 }) as AuthenticateError;

/**
 * The MQTT broker started with the server when no external one is configured. Devices sign in with
 * their code and token, may publish only under their own topic branch, and are disconnected when
 * their token is rotated or they are deactivated.
 */
export async function startBroker(hub: ReadingHub, events: EventBus, at: { port: number; host: string }): Promise<EmbeddedBroker> {
  const gatewayUser = `sl-gateway-${randomBytes(4).toString('hex')}`;
  const gatewayPassword = randomBytes(24).toString('base64url');
  const deviceOf = new WeakMap<Client, string>();
  const connected = new Set<Client>();
  const broker = await Aedes.createBroker({
    // Readings over a turn's budget (onReadings) wait in FairTurns' queues; the default of 100
    // packets at a time would queue them again in mqemitter's array, shifted one by one.
    concurrency: 1_000_000,
    authenticate(client, username, password, done) {
      if (username === gatewayUser) {
        done(password?.toString() === gatewayPassword ? null : refused(), password?.toString() === gatewayPassword);
        return;
      }
      hub.authenticate(username ?? '', password?.toString() ?? '').then((row) => {
        if (!row) return done(refused(), false);
        deviceOf.set(client, row.code);
        done(null, true);
      }, (err: unknown) => {
        console.error('[devices] MQTT sign-in check failed', err);
        done(Object.assign(new Error('server unavailable'), { returnCode: 3 }) as AuthenticateError, false);
      });
    },
    authorizePublish(client, packet, done) {
      const code = client ? deviceOf.get(client) : undefined; // undefined: the gateway, or the broker itself
      done(code === undefined || packet.topic.startsWith(deviceTopic(code, '')) ? null : new Error(`topic ${packet.topic} not allowed`));
    },
    authorizeSubscribe(client, sub, done) {
      const code = deviceOf.get(client);
      done(null, code === undefined || sub.topic.startsWith(deviceTopic(code, '')) ? sub : null);
    },
  });
  broker.on('clientReady', (c) => connected.add(c));
  broker.on('clientDisconnect', (c) => connected.delete(c));
  events.on(DEVICE_CHANGED, (p) => {
    const { code } = p as DeviceChanged;
    for (const c of connected) if (deviceOf.get(c) === code) c.close();
  });

  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      broker.close();
      reject(err.code === 'EADDRINUSE'
        ? new Error(`MQTT port ${at.port} is in use: set MQTT_PORT to a free port, or MQTT_URL to use the broker already there`)
        : err);
    });
    server.listen(at.port, at.host, () => resolve());
  });
  const readingTopics = deviceTopic('+', 'reading');
  const prefix = deviceTopic('X', '').indexOf('X'); // where the code starts in a topic
  return {
    port: (server.address() as net.AddressInfo).port,
    gatewayUser,
    gatewayPassword,
    onReadings: (handler) => {
      const turns = new FairTurns(READINGS_PER_TURN);
      return new Promise<void>((resolve) => broker.subscribe(readingTopics, (packet, cb) => turns.run((packet as { clientId?: string }).clientId ?? packet.topic, () => {
        try {
          handler(packet.topic.slice(prefix, packet.topic.indexOf('/', prefix)), packet.payload as Buffer);
        } finally {
          cb();
        }
      }), () => resolve()));
    },
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      // Sockets still in the MQTT handshake are not aedes clients yet: they are cut here.
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
