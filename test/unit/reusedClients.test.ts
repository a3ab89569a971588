import { createServer, type Socket } from 'node:net';
import type { Activity } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, ConnectorClient, UserTokenClient } from 'botframework-connector';
import { boundRequests, ReusingBotFrameworkAuthentication } from '../../src/channels/reusedClients';

const ACTIVITY = { type: 'message', channelId: 'test', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' } } as Activity;

describe('ReusingBotFrameworkAuthentication', () => {
  it('gives turns with the same service URL and audience the same connector client', async () => {
    const auth = new ReusingBotFrameworkAuthentication({});
    const first = await auth.authenticateRequest(ACTIVITY, '');
    const second = await auth.authenticateRequest(ACTIVITY, '');
    const client = await first.connectorFactory!.create('http://127.0.0.1:1', 'audience');
    expect(client).toBeInstanceOf(ConnectorClient);
    expect(await second.connectorFactory!.create('http://127.0.0.1:1', 'audience')).toBe(client);
  });

  it('builds another connector client for another service URL or audience', async () => {
    const auth = new ReusingBotFrameworkAuthentication({});
    const { connectorFactory } = await auth.authenticateRequest(ACTIVITY, '');
    const client = await connectorFactory!.create('http://127.0.0.1:1', 'audience');
    const otherUrl = await connectorFactory!.create('http://127.0.0.1:2', 'audience');
    const otherAudience = await connectorFactory!.create('http://127.0.0.1:1', 'other');
    expect(otherUrl).not.toBe(client);
    expect(otherAudience).not.toBe(client);
  });

  it('gives the same app id the same user token client, another app id its own', async () => {
    const auth = new ReusingBotFrameworkAuthentication({});
    const claims = (appId: string) => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);
    const client = await auth.createUserTokenClient(claims('app-1'));
    expect(client).toBeInstanceOf(UserTokenClient);
    expect(await auth.createUserTokenClient(claims('app-1'))).toBe(client);
    expect(await auth.createUserTokenClient(claims('app-2'))).not.toBe(client);
  });

  it("bounds its connector clients' requests, so a serviceUrl that never answers fails the reply", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const serviceUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const auth = new ReusingBotFrameworkAuthentication({}, { requestTimeoutMs: 200 });
      const { connectorFactory } = await auth.authenticateRequest({ ...ACTIVITY, serviceUrl }, '');
      const client = await connectorFactory!.create(serviceUrl, 'audience');
      await expect(client.conversations.replyToActivity('c', 'a', { type: 'message', text: 'hello' })).rejects.toThrow(/abort/i);
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses to bound a client whose request pipeline is not where botbuilder keeps it', () => {
    expect(() => boundRequests({} as ConnectorClient, 100)).toThrow(/^boundRequests\(\): /);
  });
});
