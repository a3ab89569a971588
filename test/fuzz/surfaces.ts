import fc from 'fast-check';
import { brotliCompressSync, constants as zlibConstants, deflateSync, gzipSync } from 'node:zlib';
import { ENTITY_TYPES, FOREIGN_PRESENCES, HOSTING_LOCATIONS, REMOTE_APPLICATION_ANSWERS, SITE_TYPES } from '../../src/rules/profile';
import { PROVINCE_IDS } from '../../src/rules/provinces';
import { MARKUP_TELLS, CONTENT_TYPES, anyJson, brokenBody, extraEntries, headerValue, hostileString, invalidUtf8Object, objectText, pathSegment, queryString } from './arbitraries';
import type { FuzzRequest, FuzzResponse } from './client';

/** What the surfaces know about the server under test. */
export interface FuzzContext {
  maxBodyBytes: number;
  /** Largest Direct Line activity in bytes. */
  maxActivityBytes: number;
  directLineSecret: string;
  /** Direct Line conversations started before fuzzing, each with a token of its own. */
  conversations: { id: string; token: string }[];
  /** Where bots post replies of activities without expectReplies (a stub that says 200). */
  serviceUrl: string;
  /** The host:port the server is reached at (for same-origin requests). */
  host: string;
  /** An origin CORS_ORIGINS lists. */
  allowedOrigin: string;
  /** Agent accounts' credentials, when the agent routes are served: a good `name:secret` and a wrong one. */
  agent?: { good: string; wrong: string };
}

/**
 * One HTTP surface of the bot: how to build requests to it, valid and hostile, and what its answers
 * must satisfy beyond the harness's rules for every answer (no 5xx, 4xx as short JSON, nosniff,
 * nothing typed reflected into HTML).
 */
export interface Surface {
  name: string;
  requests: (ctx: FuzzContext) => fc.Arbitrary<FuzzRequest>;
  check?: (req: FuzzRequest, res: FuzzResponse, ctx: FuzzContext) => string | undefined;
}

const json = (text: string) => Buffer.from(text, 'utf8');
const jsonHeaders = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...extra });

/** Some fields of a hostile request body may not parse as JSON at all; that is the point. */
function replyActivities(res: FuzzResponse): unknown[] {
  try {
    const body = JSON.parse(res.body.toString('utf8')) as { activities?: unknown[] };
    return Array.isArray(body.activities) ? body.activities : [];
  } catch {
    return [];
  }
}

/** The first markup tell found in the bot's replies (text, buttons, cards), with what surrounds it, if any. */
export function reflectedMarkup(activities: unknown[]): string | undefined {
  // Trace activities carry the turn's state for the Emulator; no channel shows them (Direct Line drops them).
  const json = JSON.stringify(activities.filter((activity) => (activity as { type?: unknown }).type !== 'trace'));
  const lower = json.toLowerCase();
  const tell = MARKUP_TELLS.find((candidate) => lower.includes(candidate));
  if (tell === undefined) return undefined;
  const at = lower.indexOf(tell);
  return `${tell}" in …${json.slice(Math.max(0, at - 160), at + 40)}…`;
}

// ---------------------------------------------------------------------------------------------
// POST /api/messages

/** Conversations the fuzz uses on /api/messages (few, so bot state stays small). */
const MESSAGE_CONVERSATIONS = Array.from({ length: 40 }, (_, i) => `fuzz-conversation-${i}`);

function activityEntries(ctx: FuzzContext): fc.Arbitrary<[string, unknown][]> {
  return fc
    .record({
      // Up to a little over MAX_TEXT_CHARS (2000), so cutting is exercised without every turn reading 20,000 characters.
      text: fc.oneof({ weight: 5, arbitrary: hostileString(300, 2500) }, { weight: 1, arbitrary: fc.constant(undefined) }),
      locale: fc.constantFrom(undefined, 'en', 'zh-CN', 'en-US', 'zh-cn', 'zh_CN', 'zh-Hans-CN', 'fr', ''),
      conversation: fc.constantFrom(...MESSAGE_CONVERSATIONS),
      type: fc.constantFrom('message', 'message', 'message', 'conversationUpdate', 'typing', 'event', 'messageReaction', 'endOfConversation', 'installationUpdate', 'x-unknown'),
      channelId: fc.constantFrom('fuzz', 'webchat', 'directline', 'msteams', 'emulator'),
      expectReplies: fc.boolean(),
    })
    .map(({ text, locale, conversation, type, channelId, expectReplies }) => {
      const entries: [string, unknown][] = [
        ['type', type],
        ['id', `fuzz-${conversation}`],
        ['channelId', channelId],
        ['serviceUrl', ctx.serviceUrl],
        ['conversation', { id: conversation }],
        ['from', { id: `user-${conversation}`, name: 'Fuzz' }],
        ['recipient', { id: 'bot' }],
      ];
      if (text !== undefined) entries.push(['text', text]);
      if (locale !== undefined) entries.push(['locale', locale]);
      if (expectReplies) entries.push(['deliveryMode', 'expectReplies']);
      if (type === 'conversationUpdate') entries.push(['membersAdded', [{ id: `user-${conversation}` }]]);
      return entries;
    });
}

/** Fields of an activity set to values of the wrong type (or out of range): each one is a 400. */
const BAD_ACTIVITY_FIELDS: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(fc.constant('type'), fc.constantFrom<unknown>(5, null, '', [], {}, true, 'x'.repeat(65))),
  fc.tuple(fc.constant('text'), fc.constantFrom<unknown>(5, {}, ['a'], true)),
  fc.tuple(fc.constant('conversation'), fc.constantFrom<unknown>('c1', 5, [], { id: 5 }, { id: '' }, { id: 'x'.repeat(1025) })),
  fc.tuple(fc.constant('from'), fc.constantFrom<unknown>('u', 5, { id: 5 }, [])),
  fc.tuple(fc.constant('recipient'), fc.constantFrom<unknown>('b', { id: {} })),
  fc.tuple(fc.constant('attachments'), fc.constantFrom<unknown>('a', {}, 5)),
  fc.tuple(fc.constant('membersAdded'), fc.constantFrom<unknown>('a', [{}], [{ id: 5 }], {})),
  fc.tuple(fc.constant('locale'), fc.constantFrom<unknown>(5, 'x'.repeat(65), [], '<script>', 'en US', 'x'.repeat(20), '"><img src=x onerror=alert(0x1f)>')),
  fc.tuple(fc.constant('serviceUrl'), fc.constantFrom<unknown>(5, 'x'.repeat(2049))),
  fc.tuple(fc.constant('id'), fc.constantFrom<unknown>(5, {}, 'x'.repeat(257))),
);

export const apiMessages: Surface = {
  name: 'POST /api/messages',
  requests: (ctx) =>
    fc.oneof(
      // A well-formed activity, any text: 2xx, and no markup of the text in the replies.
      { weight: 2, arbitrary: activityEntries(ctx).map((entries): FuzzRequest => ({ method: 'POST', path: '/api/messages', headers: jsonHeaders(), body: json(objectText(entries)), expect: 'valid', label: 'activity' })) },
      // The same with extra fields, prototype keys among them: still an activity.
      {
        weight: 1,
        arbitrary: fc.tuple(activityEntries(ctx), extraEntries()).map(([entries, extra]): FuzzRequest => ({
          method: 'POST',
          path: '/api/messages',
          headers: jsonHeaders(),
          body: json(objectText([...extra.filter(([key]) => !entries.some(([k]) => k === key)), ...entries])),
          expect: 'valid',
          label: 'activity with extra fields',
        })),
      },
      // A field of the wrong type: 400.
      {
        weight: 14,
        arbitrary: fc.tuple(activityEntries(ctx), BAD_ACTIVITY_FIELDS).map(([entries, [field, value]]): FuzzRequest => ({
          method: 'POST',
          path: '/api/messages',
          headers: jsonHeaders(),
          body: json(objectText([...entries.filter(([key]) => key !== field), [field, value]])),
          expect: 'invalid',
          label: `activity with a bad ${field}`,
        })),
      },
      // A required field missing: 400.
      {
        weight: 4,
        arbitrary: activityEntries(ctx).map((entries): FuzzRequest => ({
          method: 'POST',
          path: '/api/messages',
          headers: jsonHeaders(),
          body: json(objectText(entries.filter(([key]) => key !== 'type'))),
          expect: 'invalid',
          label: 'activity without a type',
        })),
      },
      // Not a JSON object (garbage, truncated, deep, too large): 4xx.
      {
        weight: 10,
        arbitrary: brokenBody('{"type":"message","text":"hi","conversation":{"id":"c"}}', ctx.maxBodyBytes).map((body): FuzzRequest => ({ method: 'POST', path: '/api/messages', headers: jsonHeaders(), body, expect: 'invalid', label: 'broken body' })),
      },
      // Invalid UTF-8 inside the text: decoded with replacement characters, never a 5xx.
      {
        weight: 1,
        arbitrary: invalidUtf8Object(`"type":"message","deliveryMode":"expectReplies","channelId":"fuzz","serviceUrl":${JSON.stringify(ctx.serviceUrl)},"conversation":{"id":"fuzz-utf8"},"from":{"id":"u"},"recipient":{"id":"b"}`, 'text').map(
          (body): FuzzRequest => ({ method: 'POST', path: '/api/messages', headers: jsonHeaders(), body, expect: 'any', label: 'invalid UTF-8' }),
        ),
      },
      // The wrong content type: 415.
      {
        weight: 4,
        arbitrary: fc.tuple(activityEntries(ctx), fc.constantFrom(...CONTENT_TYPES.other)).map(([entries, type]): FuzzRequest => ({
          method: 'POST',
          path: '/api/messages',
          headers: { 'content-type': type },
          body: json(objectText(entries)),
          expect: 'invalid',
          label: `content type ${type}`,
        })),
      },
      // Hostile headers (Authorization, odd content types written as JSON): never a 5xx.
      {
        weight: 1,
        arbitrary: fc.tuple(activityEntries(ctx), headerValue(), fc.constantFrom(...CONTENT_TYPES.json)).map(([entries, authorization, type]): FuzzRequest => ({
          method: 'POST',
          path: '/api/messages',
          headers: { 'content-type': type, authorization },
          body: json(objectText(entries)),
          expect: 'any',
          label: 'hostile Authorization',
        })),
      },
      // Other methods: 405.
      { weight: 4, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH').map((method): FuzzRequest => ({ method, path: '/api/messages', headers: {}, expect: 'invalid', label: `${method} /api/messages` })) },
    ),
  check: (req, res) => {
    if (req.label.startsWith('activity') && res.status === 200) {
      const tell = reflectedMarkup(replyActivities(res));
      if (tell) return `a reply contains "${tell}" from the user's text`;
    }
    return undefined;
  },
};

// ---------------------------------------------------------------------------------------------
// POST /api/assess

const province = fc.constantFrom(...PROVINCE_IDS);
const profileRecord = fc.record(
  {
    entityType: fc.constantFrom(...ENTITY_TYPES),
    hosting: fc.constantFrom(...HOSTING_LOCATIONS),
    mainlandCdn: fc.boolean(),
    hostingProvider: hostileString(100).filter((s) => s.trim().length >= 1 && s.trim().length <= 100),
    filesThroughHostingProvider: fc.boolean(),
    domainRegisteredInMainland: fc.boolean(),
    ipOnlyAccess: fc.boolean(),
    idProvince: province,
    residenceProvince: province,
    remoteApplicationAccepted: fc.constantFrom(...REMOTE_APPLICATION_ANSWERS),
    licenceProvince: province,
    foreignPresence: fc.constantFrom(...FOREIGN_PRESENCES),
    certificateProvince: province,
    documentsIssuedOutsideMainland: fc.boolean(),
    wantsCommercialLicense: fc.boolean(),
    holdsCommercialLicense: fc.boolean(),
    siteTypes: fc.uniqueArray(fc.constantFrom(...SITE_TYPES)),
    holdsBbsApproval: fc.boolean(),
    numberOfSites: fc.integer({ min: 1, max: 1000 }),
    hasInProgressApplication: fc.boolean(),
    inProgressApplication: fc.record({ submittedToAdministration: fc.boolean(), sameType: fc.boolean(), sameEntity: fc.boolean() }, { requiredKeys: [] }),
    usesLoadBalancer: fc.boolean(),
  },
  { requiredKeys: [] },
);

const BAD_PROFILE_FIELDS: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(fc.constantFrom('entityType', 'hosting', 'idProvince', 'foreignPresence'), fc.constantFrom<unknown>('moon', 5, null, [], {}, '<script>alert(0x1f)</script>')),
  fc.tuple(fc.constantFrom('mainlandCdn', 'ipOnlyAccess', 'holdsBbsApproval'), fc.constantFrom<unknown>('yes', 1, null, {})),
  fc.tuple(fc.constant('numberOfSites'), fc.constantFrom<unknown>(0, -1, 1.5, '3', 1e400 === Infinity ? 'Infinity' : 0, null)),
  fc.tuple(fc.constant('siteTypes'), fc.constantFrom<unknown>('bbs', ['casino'], [1], {})),
  fc.tuple(fc.constant('hostingProvider'), fc.constantFrom<unknown>('', '   ', 'x'.repeat(101), 5)),
  fc.tuple(fc.constant('inProgressApplication'), fc.constantFrom<unknown>({ unknown: true }, 'yes', { sameType: 'no' })),
  fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField', 'toString'), anyJson()),
);

export const apiAssess: Surface = {
  name: 'POST /api/assess',
  requests: (ctx) =>
    fc.oneof(
      { weight: 4, arbitrary: profileRecord.map((profile): FuzzRequest => ({ method: 'POST', path: '/api/assess', headers: jsonHeaders(), body: json(JSON.stringify(profile)), expect: 'valid', label: 'profile' })) },
      {
        weight: 4,
        arbitrary: fc.tuple(profileRecord, BAD_PROFILE_FIELDS).map(([profile, [field, value]]): FuzzRequest => ({
          method: 'POST',
          path: '/api/assess',
          headers: jsonHeaders(),
          body: json(objectText([...Object.entries(profile).filter(([key]) => key !== field), [field, value]])),
          expect: 'invalid',
          label: `profile with a bad ${field}`,
        })),
      },
      { weight: 2, arbitrary: brokenBody('{"entityType":"individual","hosting":"mainland"}', ctx.maxBodyBytes).map((body): FuzzRequest => ({ method: 'POST', path: '/api/assess', headers: jsonHeaders(), body, expect: 'invalid', label: 'broken body' })) },
      { weight: 1, arbitrary: invalidUtf8Object('"entityType":"individual"', 'hostingProvider').map((body): FuzzRequest => ({ method: 'POST', path: '/api/assess', headers: jsonHeaders(), body, expect: 'any', label: 'invalid UTF-8' })) },
      {
        weight: 1,
        arbitrary: fc.tuple(profileRecord, fc.constantFrom(...CONTENT_TYPES.other)).map(([profile, type]): FuzzRequest => ({ method: 'POST', path: '/api/assess', headers: { 'content-type': type }, body: json(JSON.stringify(profile)), expect: 'invalid', label: `content type ${type}` })),
      },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE').map((method): FuzzRequest => ({ method, path: '/api/assess', headers: {}, expect: 'invalid', label: `${method} /api/assess` })) },
    ),
  check: (req, res) => {
    if (req.label !== 'profile' || res.status !== 200) return undefined;
    const body = JSON.parse(res.body.toString('utf8')) as { filingRequired?: { answer?: string } };
    return ['yes', 'no', 'depends'].includes(body.filingRequired?.answer ?? '') ? undefined : 'an assessment without filingRequired.answer';
  },
};

// ---------------------------------------------------------------------------------------------
// /v3/directline/*

type Credential = 'own' | 'other' | 'secret' | 'none' | 'garbage';

function bearer(ctx: FuzzContext, credential: Credential, index: number, garbage: string): Record<string, string> {
  const conversations = ctx.conversations;
  switch (credential) {
    case 'own':
      return { authorization: `Bearer ${conversations[index].token}` };
    case 'other':
      return { authorization: `Bearer ${conversations[(index + 1) % conversations.length].token}` };
    case 'secret':
      return { authorization: `Bearer ${ctx.directLineSecret}` };
    case 'none':
      return {};
    case 'garbage':
      return { authorization: garbage };
  }
}

/** What a conversation route must answer for a credential, when the request itself is well-formed. */
function conversationExpectation(credential: Credential): { expect: FuzzRequest['expect']; status?: number } {
  switch (credential) {
    case 'own':
    case 'secret':
      return { expect: 'valid' };
    case 'other':
      return { expect: 'invalid', status: 403 };
    case 'none':
      return { expect: 'invalid', status: 401 };
    case 'garbage':
      return { expect: 'invalid' };
  }
}

function clientActivityText(): fc.Arbitrary<{ text: string; wellFormed: boolean; label: string }> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(hostileString(300), fc.constantFrom(undefined, 'en', 'zh-CN')).map(([text, locale]) => ({ text: objectText([['type', 'message'], ['text', text], ...(locale ? [['locale', locale] as [string, unknown]] : []), ['from', { id: 'fuzz-user' }]]), wellFormed: true, label: 'message' })) },
    { weight: 2, arbitrary: fc.tuple(hostileString(100), extraEntries()).map(([text, extra]) => ({ text: objectText([...extra.filter(([k]) => k !== 'type' && k !== 'text'), ['type', 'message'], ['text', text]]), wellFormed: true, label: 'message with extra fields' })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.tuple(fc.constant('type'), fc.constantFrom<unknown>(5, '', null, {}, 'x'.repeat(65))),
          fc.tuple(fc.constant('text'), fc.constantFrom<unknown>(5, {}, [])),
          fc.tuple(fc.constant('from'), fc.constantFrom<unknown>('me', 5, { id: 5 })),
          fc.tuple(fc.constant('attachments'), fc.constantFrom<unknown>('a', 5)),
        )
        .map(([field, value]) => ({
          text: objectText([...(['type', 'text'] as const).filter((key) => key !== field).map((key): [string, unknown] => [key, key === 'type' ? 'message' : 'hi']), [field, value]]),
          wellFormed: false,
          label: `activity with a bad ${field}`,
        })),
    },
  );
}

export const directLine: Surface = {
  name: '/v3/directline/*',
  requests: (ctx) => {
    const n = ctx.conversations.length;
    const index = fc.integer({ min: 0, max: n - 1 });
    const credential = fc.constantFrom<Credential>('own', 'own', 'own', 'other', 'secret', 'none', 'garbage');
    const garbage = headerValue().filter((value) => value !== `Bearer ${ctx.directLineSecret}`);
    const P = '/v3/directline';
    return fc.oneof(
      // Read a conversation's activities, watermark or not.
      {
        weight: 4,
        arbitrary: fc.tuple(index, credential, garbage, fc.constantFrom('', '?watermark=', '?watermark=0', '?watermark=3', '?watermark=-1', '?watermark=99999')).map(([i, cred, bad, query]): FuzzRequest => ({
          method: 'GET',
          path: `${P}/conversations/${ctx.conversations[i].id}/activities${query}`,
          headers: bearer(ctx, cred, i, bad),
          ...conversationExpectation(cred),
          label: `GET activities (${cred})`,
        })),
      },
      // Odd watermarks and query strings: never a 5xx.
      {
        weight: 1,
        arbitrary: fc.tuple(index, queryString(['watermark'])).map(([i, query]): FuzzRequest => ({
          method: 'GET',
          path: `${P}/conversations/${ctx.conversations[i].id}/activities${query}`,
          headers: bearer(ctx, 'own', i, ''),
          expect: 'any',
          label: 'GET activities with an odd query',
        })),
      },
      // Post an activity: well-formed ones are taken (their turn runs), bad ones refused.
      {
        weight: 2,
        arbitrary: fc.tuple(index, credential, garbage, clientActivityText()).map(([i, cred, bad, activity]): FuzzRequest => {
          const own = conversationExpectation(cred);
          const tooLarge = Buffer.byteLength(activity.text) > ctx.maxActivityBytes;
          return {
            method: 'POST',
            path: `${P}/conversations/${ctx.conversations[i].id}/activities`,
            headers: { ...jsonHeaders(), ...bearer(ctx, cred, i, bad) },
            body: json(activity.text),
            expect: own.expect === 'valid' && (!activity.wellFormed || tooLarge) ? 'invalid' : own.expect,
            status: own.status,
            label: `POST ${activity.label} (${cred})`,
          };
        }),
      },
      // Post something that is not an activity.
      {
        weight: 1,
        arbitrary: fc.tuple(index, brokenBody('{"type":"message","text":"hi"}', ctx.maxBodyBytes), fc.constantFrom(...CONTENT_TYPES.json, ...CONTENT_TYPES.other)).map(([i, body, type]): FuzzRequest => ({
          method: 'POST',
          path: `${P}/conversations/${ctx.conversations[i].id}/activities`,
          headers: { 'content-type': type, ...bearer(ctx, 'own', i, '') },
          body,
          expect: 'invalid',
          label: `POST a broken body as ${type}`,
        })),
      },
      // The conversation itself (reconnect) and refreshing a token.
      {
        weight: 1,
        arbitrary: fc.tuple(index, credential, garbage).map(([i, cred, bad]): FuzzRequest => ({
          method: 'GET',
          path: `${P}/conversations/${ctx.conversations[i].id}`,
          headers: bearer(ctx, cred, i, bad),
          ...conversationExpectation(cred),
          label: `GET conversation (${cred})`,
        })),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(index, credential, garbage).map(([i, cred, bad]): FuzzRequest => ({
          method: 'POST',
          path: `${P}/tokens/refresh`,
          headers: bearer(ctx, cred, i, bad),
          expect: cred === 'own' || cred === 'other' ? 'valid' : 'invalid',
          label: `refresh (${cred})`,
        })),
      },
      // New tokens and conversations with the secret (the store may be full: 503 with Retry-After).
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom('/tokens/generate', '/conversations'), fc.oneof(fc.constant(undefined), anyJson(), fc.record({ user: fc.record({ id: hostileString(300), name: hostileString(300) }, { requiredKeys: [] }) }))).map(([route, body]): FuzzRequest => ({
          method: 'POST',
          path: `${P}${route}`,
          headers: { ...(body === undefined ? {} : jsonHeaders()), authorization: `Bearer ${ctx.directLineSecret}` },
          body: body === undefined ? undefined : json(JSON.stringify(body)),
          expect: 'any',
          unavailableAllowed: true,
          label: `POST ${route}`,
        })),
      },
      // Conversations that do not exist, odd path segments, other routes and methods.
      {
        weight: 2,
        arbitrary: fc.tuple(fc.array(pathSegment(), { minLength: 1, maxLength: 3 }), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'), fc.constantFrom('conversations/', 'connector/', '', 'conversations/x/upload/', 'tokens/')).map(([segments, method, prefix]): FuzzRequest => ({
          method,
          path: `${P}/${prefix}${segments.join('/')}`,
          headers: { authorization: `Bearer ${ctx.directLineSecret}` },
          expect: method === 'OPTIONS' || DOT_SEGMENT.test(`/${prefix}${segments.join('/')}`) ? 'any' : 'invalid',
          label: `${method} unknown path`,
        })),
      },
      // Cross-origin calls: our own page and a listed origin pass, others get 403.
      {
        weight: 1,
        arbitrary: fc.tuple(index, fc.constantFrom('own', 'listed', 'other'), fc.constantFrom('GET', 'OPTIONS')).map(([i, origin, method]): FuzzRequest => ({
          method,
          path: `${P}/conversations/${ctx.conversations[i].id}/activities`,
          headers: { ...bearer(ctx, 'own', i, ''), origin: origin === 'own' ? `http://${ctx.host}` : origin === 'listed' ? ctx.allowedOrigin : 'https://evil.example' },
          expect: origin === 'other' ? 'invalid' : 'valid',
          status: origin === 'other' ? 403 : undefined,
          label: `${method} from ${origin} origin`,
        })),
      },
    );
  },
  check: (req, res) => {
    // An upgrade request is refused before CORS applies (browsers do not use CORS for WebSockets).
    if (req.label.includes('from listed origin') && req.headers.upgrade === undefined && res.headers['access-control-allow-origin'] === undefined) return 'a listed origin got no Access-Control-Allow-Origin';
    if (req.label.startsWith('GET activities') && res.status === 200) {
      const tell = reflectedMarkup((JSON.parse(res.body.toString('utf8')) as { activities: { from?: { role?: string } }[] }).activities.filter((a) => a.from?.role === 'bot'));
      if (tell) return `a bot activity contains "${tell}" from a user's text`;
    }
    return undefined;
  },
};

// ---------------------------------------------------------------------------------------------
// The chat page, its files, the token endpoint, health, and everything else

/** A "." or ".." path segment, written plainly or percent-encoded. */
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:\/|$)/i;

const PAGE_FILES = ['/', '/webchat/page.js', '/webchat/page.css', '/webchat/webchat.js', '/webchat/strings.json', '/healthz'] as const;

export const webPage: Surface = {
  name: 'web page, token endpoint, other paths',
  requests: (ctx) =>
    fc.oneof(
      // The page and its files, with hostile query strings: 200, nothing of the query in the HTML.
      {
        weight: 3,
        arbitrary: fc.tuple(fc.constantFrom('/', '/', '/webchat/page.js', '/webchat/page.css', '/webchat/strings.json', '/healthz'), queryString(['locale', 'q', 'watermark'])).map(([path, query]): FuzzRequest => ({
          method: 'GET',
          path: `${path}${query}`,
          headers: {},
          expect: 'valid',
          label: `GET ${path}`,
        })),
      },
      { weight: 1, arbitrary: fc.constantFrom(...PAGE_FILES).map((path): FuzzRequest => ({ method: 'HEAD', path, headers: {}, expect: 'valid', label: `HEAD ${path}` })) },
      // Writing to the page's files: 405.
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PAGE_FILES), fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH')).map(([path, method]): FuzzRequest => ({ method, path, headers: jsonHeaders(), body: json('{}'), expect: 'invalid', label: `${method} ${path}` })) },
      // A token for the page: same origin or a listed one gets it, another origin 403.
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constantFrom('none', 'own', 'listed', 'other', 'null'), fc.constantFrom('POST', 'OPTIONS'), fc.option(anyJson(), { nil: undefined })).map(([origin, method, body]): FuzzRequest => ({
          method,
          path: '/api/directline/token',
          headers: {
            ...(origin === 'none' ? {} : { origin: origin === 'own' ? `http://${ctx.host}` : origin === 'listed' ? ctx.allowedOrigin : origin === 'null' ? 'null' : 'https://evil.example' }),
            ...(body === undefined ? {} : jsonHeaders()),
          },
          body: body === undefined ? undefined : json(JSON.stringify(body)),
          expect: origin === 'other' || origin === 'null' ? 'invalid' : 'valid',
          label: `${method} token from ${origin} origin`,
        })),
      },
      // Paths that do not exist, hostile ones included: 404 as short JSON, never HTML.
      {
        weight: 3,
        arbitrary: fc.tuple(fc.array(pathSegment().filter((segment) => segment !== ''), { minLength: 1, maxLength: 4 }), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD'), fc.constantFrom('', 'webchat/', 'api/', 'agent-x/', 'v3/', '%2e%2e/')).map(([segments, method, prefix]): FuzzRequest => ({
          method,
          path: `/${prefix}${segments.join('/')}`,
          headers: {},
          // "." and ".." segments are resolved (/v3/.. is /), so such a path may well name the page.
          expect: method === 'OPTIONS' || DOT_SEGMENT.test(`/${prefix}${segments.join('/')}`) ? 'any' : 'invalid',
          label: `${method} unknown path`,
        })),
      },
      // Request targets that are not paths at all.
      { weight: 1, arbitrary: fc.constantFrom('*', '//evil.example/x', '/%', '/..%2f..%2fetc/passwd', `/${'a'.repeat(4000)}`, '/?', '/#x', '/webchat/../../package.json').map((path): FuzzRequest => ({ method: 'GET', path, headers: {}, expect: 'any', label: `GET target ${path.slice(0, 30)}` })) },
      // Hostile headers on the page, the Host header too.
      { weight: 1, arbitrary: fc.tuple(headerValue(), headerValue()).map(([a, b]): FuzzRequest => ({ method: 'GET', path: '/', headers: { 'accept-language': a, cookie: b, 'x-request-id': a }, expect: 'valid', label: 'GET / with hostile headers' })) },
      { weight: 1, arbitrary: fc.tuple(headerValue(), fc.constantFrom('/', '/healthz', '/api/directline/token')).map(([host, path]): FuzzRequest => ({ method: 'GET', path, headers: { host }, expect: 'any', label: `GET ${path} with Host ${host.slice(0, 20)}` })) },
    ),
  check: (req, res) => {
    const type = String(res.headers['content-type'] ?? '');
    if (req.method === 'GET' && res.status === 200 && type.startsWith('text/html')) {
      const policy = String(res.headers['content-security-policy'] ?? '');
      if (!policy.includes("script-src 'self'") || !policy.includes('frame-ancestors')) return 'the page has no Content-Security-Policy';
    }
    if (req.label.startsWith('POST token') && res.status === 200) {
      const session = JSON.parse(res.body.toString('utf8')) as { token?: string };
      if (typeof session.token !== 'string') return 'a token answer without a token';
    }
    return undefined;
  },
};

// ---------------------------------------------------------------------------------------------
// The agent desk (/agent, /agent/api/*) and GET /api/stats: agents only

type AgentCredential = 'good' | 'wrong' | 'none' | 'garbage' | 'forged-cookie';

function agentHeaders(ctx: FuzzContext, credential: AgentCredential, garbage: string): Record<string, string> {
  const agent = ctx.agent as NonNullable<FuzzContext['agent']>;
  switch (credential) {
    case 'good':
      return { authorization: `Basic ${Buffer.from(agent.good).toString('base64')}` };
    case 'wrong':
      return { authorization: `Basic ${Buffer.from(agent.wrong).toString('base64')}` };
    case 'none':
      return {};
    case 'garbage':
      return { authorization: garbage };
    case 'forged-cookie':
      return { cookie: `icp_agent=${agent.good.split(':')[0]}.${Date.now() + 3_600_000}.${garbage.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 43) || 'x'}` };
  }
}

const agentCredential = fc.constantFrom<AgentCredential>('good', 'good', 'wrong', 'none', 'garbage', 'forged-cookie');
/** A case id: a plain one (the route matches, so the guard answers), or an odd path segment (the router may answer 404 first). */
const caseId = fc.oneof(fc.uuid().map((id) => ({ id, plain: true })), pathSegment().map((id) => ({ id, plain: /^[A-Za-z0-9_-]+$/.test(id) && id.length < 200 })));

export const agentDesk: Surface = {
  name: '/agent and /agent/api/*',
  requests: (ctx) =>
    fc.oneof(
      // The desk page and its files: anyone may load them (the API is what is guarded).
      { weight: 1, arbitrary: fc.constantFrom('/agent', '/agent/desk.js', '/agent/desk.css').map((path): FuzzRequest => ({ method: 'GET', path, headers: {}, expect: 'valid', label: `GET ${path}` })) },
      // Reading: 200 for an agent, 401 for anyone else.
      {
        weight: 4,
        arbitrary: fc.tuple(agentCredential, headerValue(), fc.oneof(fc.constantFrom('/agent/api/me', '/agent/api/cases').map((path) => ({ path, plain: true })), caseId.map(({ id, plain }) => ({ path: `/agent/api/cases/${id}`, plain })))).map(([credential, garbage, { path, plain }]): FuzzRequest => ({
          method: 'GET',
          path,
          headers: agentHeaders(ctx, credential, garbage),
          // A case that does not exist is a 404 for an agent.
          ...(credential === 'good' ? { expect: path.startsWith('/agent/api/cases/') ? 'invalid' : 'valid' } : { expect: 'invalid', ...(plain ? { status: 401 } : {}) }),
          label: `GET ${path.split('/').slice(0, 4).join('/')} (${credential})`,
        })),
      },
      // The event stream never ends for an agent; without credentials it is a 401 at once.
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom<AgentCredential>('wrong', 'none', 'garbage', 'forged-cookie'), headerValue()).map(([credential, garbage]): FuzzRequest => ({ method: 'GET', path: '/agent/api/events', headers: agentHeaders(ctx, credential, garbage), expect: 'invalid', status: 401, label: `GET events (${credential})` })) },
      // Acting on cases that do not exist, with any body: 401 without an agent, 4xx with one.
      {
        weight: 3,
        arbitrary: fc.tuple(agentCredential, headerValue(), caseId, fc.constantFrom('claim', 'messages', 'end'), fc.oneof(anyJson(), fc.record({ text: hostileString(300) }))).map(([credential, garbage, { id, plain }, action, body]): FuzzRequest => ({
          method: 'POST',
          path: `/agent/api/cases/${id}/${action}`,
          headers: { ...agentHeaders(ctx, credential, garbage), ...jsonHeaders() },
          body: json(JSON.stringify(body)),
          ...(credential === 'good' || !plain ? { expect: 'invalid' } : { expect: 'invalid', status: 401 }),
          label: `POST ${action} (${credential})`,
        })),
      },
      // Signing in: right, wrong, malformed; each from an address of its own (sign-ins are limited per address).
      {
        weight: 3,
        arbitrary: fc
          .tuple(
            fc.oneof(
              fc.constant(JSON.stringify({ name: (ctx.agent as NonNullable<FuzzContext['agent']>).good.split(':')[0], password: (ctx.agent as NonNullable<FuzzContext['agent']>).good.split(':').slice(1).join(':') })),
              fc.record({ name: hostileString(80), password: hostileString(80) }).map((body) => JSON.stringify(body)),
              extraEntries().map((entries) => objectText([['name', 'x'], ['password', 'y'], ...entries])),
              anyJson().map((value) => JSON.stringify(value) ?? 'null'),
            ),
            fc.constantFrom(...CONTENT_TYPES.json, ...CONTENT_TYPES.other),
            fc.ipV4(),
          )
          .map(([body, type, address]): FuzzRequest => ({
            method: 'POST',
            path: '/agent/api/login',
            headers: { 'content-type': type, 'x-forwarded-for': address },
            body: json(body),
            expect: 'any',
            label: 'POST login',
          })),
      },
      { weight: 1, arbitrary: fc.constant<FuzzRequest>({ method: 'POST', path: '/agent/api/logout', headers: {}, expect: 'valid', label: 'POST logout' }) },
    ),
  check: (req, res, ctx) => {
    if (req.label === 'POST login' && res.status === 200) {
      const cookie = String(res.headers['set-cookie'] ?? '');
      if (!/HttpOnly/.test(cookie) || !/SameSite=Strict/.test(cookie)) return 'a session cookie without HttpOnly and SameSite=Strict';
      const name = (ctx.agent as NonNullable<FuzzContext['agent']>).good.split(':')[0];
      if (!req.body?.toString('utf8').includes(`"name":"${name}"`)) return 'signed in with credentials that are not an account';
    }
    if (req.label === 'POST login' && res.status === 429 && !res.headers['retry-after']) return '429 without Retry-After';
    return undefined;
  },
};

export const apiStats: Surface = {
  name: 'GET /api/stats',
  requests: (ctx) =>
    fc.tuple(fc.constantFrom<AgentCredential>('good', 'wrong', 'wrong', 'none', 'none', 'garbage', 'garbage', 'forged-cookie', 'forged-cookie', 'none', 'wrong', 'garbage', 'forged-cookie', 'none', 'wrong', 'garbage'), headerValue(), fc.oneof(fc.constantFrom('', '?since=7d', '?since=24h', '?since=2w', '?since=2026-11-01'), queryString(['since']))).map(([credential, garbage, query]): FuzzRequest => {
      const plain = query === '' || /^\?since=(7d|24h|2w|2026-11-01)$/.test(query);
      return {
        method: 'GET',
        path: `/api/stats${query}`,
        headers: agentHeaders(ctx, credential, garbage),
        ...(credential === 'good' ? { expect: plain ? 'valid' : 'any' } : { expect: 'invalid', status: 401 }),
        label: `GET /api/stats (${credential})`,
      };
    }),
  check: (req, res) => {
    if (res.status === 401 && !String(res.headers['www-authenticate'] ?? '').startsWith('Basic')) return '401 without a Basic challenge';
    return undefined;
  },
};

/** Every surface, in the order the suite runs them. */
export const SURFACES: readonly Surface[] = [apiStats, agentDesk, apiMessages, apiAssess, directLine, webPage];

// ---------------------------------------------------------------------------------------------
// Content-Encoding and Upgrade, on every surface (issue 18: one request must never kill or starve the server)

const COMPRESS: Record<string, (body: Buffer) => Buffer> = { gzip: gzipSync, 'x-gzip': gzipSync, deflate: deflateSync, br: (body) => brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } }) };
const CODINGS = Object.keys(COMPRESS);
/** Codings the server does not take, and stacked ones: 415 when there is a body. */
const UNSUPPORTED_CODINGS = ['compress', 'zstd', 'garbage', 'gzip, br', 'br, gzip', 'identity, x'];
/** A small compressed body that unpacks far past any body limit, per coding (built once). */
const bombs = new Map<string, Buffer>();
function bomb(coding: string, maxBodyBytes: number): Buffer {
  const key = `${coding}:${maxBodyBytes}`;
  let packed = bombs.get(key);
  if (!packed) {
    packed = COMPRESS[coding](Buffer.from(`{"type":"message","text":"${'x'.repeat(maxBodyBytes * 8)}"}`));
    bombs.set(key, packed);
  }
  return packed;
}

/**
 * `requests` as generated, and the same requests with a `Content-Encoding` (the body compressed
 * rightly, corrupt, a bomb, a coding the server does not take) or an `Upgrade` header, with what the
 * answer must then be: the same as without for a body compressed rightly, a 4xx otherwise.
 */
export function withEncodingsAndUpgrades(requests: fc.Arbitrary<FuzzRequest>, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const hasBody = (req: FuzzRequest) => req.body !== undefined && req.body.length > 0;
  // CORS preflights are answered before any body is read.
  const refused = (req: FuzzRequest): Pick<FuzzRequest, 'expect' | 'status' | 'unavailableAllowed'> => ({ expect: req.method === 'OPTIONS' ? 'any' : 'invalid', status: undefined, unavailableAllowed: false });
  return fc.oneof(
    { weight: 10, arbitrary: requests },
    {
      weight: 3,
      arbitrary: fc.tuple(requests, fc.constantFrom(...CODINGS)).map(([req, coding]): FuzzRequest =>
        hasBody(req)
          ? { ...req, headers: { ...req.headers, 'content-encoding': coding }, body: COMPRESS[coding](req.body as Buffer), label: `${req.label} (${coding})` }
          : { ...req, headers: { ...req.headers, 'content-encoding': coding }, label: `${req.label} (${coding}, no body)` },
      ),
    },
    {
      // Text that is no gzip or zlib stream from its first bytes; brotli has no header, so a few random
      // bytes may be a whole (empty) brotli stream, and then any answer but a 5xx is right.
      weight: 2,
      arbitrary: fc.tuple(requests, fc.constantFrom(...CODINGS), fc.uint8Array({ maxLength: 200 })).map(([req, coding, bytes]): FuzzRequest => ({
        ...req,
        ...refused(req),
        ...(coding === 'br' ? { expect: 'any' } : {}),
        headers: { ...req.headers, 'content-encoding': coding },
        body: Buffer.concat([Buffer.from('not compressed: '), Buffer.from(bytes)]),
        label: `${req.label} (corrupt ${coding})`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(requests, fc.constantFrom(...CODINGS)).map(([req, coding]): FuzzRequest => ({
        ...req,
        ...refused(req),
        headers: { ...req.headers, 'content-type': 'application/json', 'content-encoding': coding },
        body: bomb(coding, ctx.maxBodyBytes),
        label: `${req.label} (${coding} bomb)`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(requests, fc.constantFrom(...UNSUPPORTED_CODINGS)).map(([req, coding]): FuzzRequest =>
        hasBody(req) ? { ...req, ...refused(req), headers: { ...req.headers, 'content-encoding': coding }, label: `${req.label} (coding ${coding})` } : { ...req, headers: { ...req.headers, 'content-encoding': coding }, label: `${req.label} (coding ${coding}, no body)` },
      ),
    },
    {
      // No Sec-WebSocket-Key: never a handshake the server could complete, so every one is refused.
      weight: 2,
      arbitrary: fc.tuple(requests, fc.constantFrom('websocket', 'WebSocket', 'h2c', 'TLS/1.2', 'garbage')).map(([req, protocol]): FuzzRequest => ({
        ...req,
        expect: 'invalid',
        status: undefined,
        unavailableAllowed: false,
        headers: { ...req.headers, connection: 'Upgrade', upgrade: protocol },
        label: `${req.label} (Upgrade: ${protocol})`,
      })),
    },
  );
}
