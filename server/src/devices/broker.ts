import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { EventBus } from '../core/events.ts';
import { deviceTopic } from './contracts.ts';
import { DEVICE_CHANGED, type DeviceChanged } from './events.ts';
import type { ReadingHub } from './hub.ts';

export interface EmbeddedBroker {
  port: number;
  /** Credentials of the gateway's own client: random per start, so no device can pose as it. */
  gatewayUser: string;
  gatewayPassword: string;
  close(): Promise<void>;
}

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
  return {
    port: (server.address() as net.AddressInfo).port,
    gatewayUser,
    gatewayPassword,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      // Sockets still in the MQTT handshake are not aedes clients yet: they are cut here.
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
