import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../../../src/http/clientAddress';

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  it.each([
    ['the TCP peer', request('203.0.113.7'), false, '203.0.113.7'],
    ['an IPv4-mapped IPv6 peer as IPv4', request('::ffff:203.0.113.7'), false, '203.0.113.7'],
    ['an IPv6 peer by its /64', request('2001:db8:1:2:3:4:5:6'), false, '2001:db8:1:2::/64'],
    ['a short IPv6 peer by its /64', request('2001:db8::1'), false, '2001:db8:0:0::/64'],
    ['X-Forwarded-For ignored without a trusted proxy', request('10.0.0.1', '198.51.100.1'), false, '10.0.0.1'],
    ['the last X-Forwarded-For entry behind a trusted proxy', request('10.0.0.1', '1.2.3.4, 198.51.100.1'), true, '198.51.100.1'],
    ['the peer when a trusted proxy sends no X-Forwarded-For', request('10.0.0.1'), true, '10.0.0.1'],
  ])('takes %s', (_name, req, trustProxy, expected) => {
    expect(clientAddress(req, trustProxy)).toBe(expected);
  });
});
