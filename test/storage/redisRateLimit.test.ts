import Redis from 'ioredis';
import { SharedRateLimit } from '../../src/http/redisRateLimit';
import { startRedisServer, type PrivateRedisServer } from './redisServer';

describe('SharedRateLimit (rate-limiter-flexible on a real Redis)', () => {
  let server: PrivateRedisServer;
  const clients: Redis[] = [];
  const connect = () => {
    const client = new Redis(server.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 100 });
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  };
  const ready = (client: Redis) => (client.status === 'ready' ? Promise.resolve() : new Promise((resolve) => client.once('ready', resolve)));

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await server.stop();
  });

  it('counts the requests of two replicas together', async () => {
    const [one, two] = [connect(), connect()];
    await Promise.all([ready(one), ready(two)]);
    const onOne = new SharedRateLimit(one, 'test:', 'burst', 4, () => undefined);
    const onTwo = new SharedRateLimit(two, 'test:', 'burst', 4, () => undefined);
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await onOne.take('client'), await onTwo.take('client'));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, true, false, false]);
    expect(await onTwo.peek('client')).toMatchObject({ allowed: false });
    expect(await onTwo.peek('someone else')).toEqual({ allowed: true });
  });

  it('keeps limiting in the process while Redis is away, without throwing', async () => {
    const client = connect();
    await ready(client);
    const limit = new SharedRateLimit(client, 'test:', 'outage', 2, () => undefined);
    const port = server.port;
    await server.stop();
    const decisions = [await limit.take('client'), await limit.take('client'), await limit.take('client')];
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false]);
    expect(await limit.peek('client')).toMatchObject({ allowed: false });
    server = await startRedisServer(port);
  });
});
