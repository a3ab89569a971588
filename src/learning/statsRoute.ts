import type { Server } from 'restify';
import type { AgentAuth } from '../handoff/agentAuth.js';
import type { Logger } from '../log.js';
import type { EventLog } from './eventLog.js';
import { buildReport } from './report.js';
import { reportSummary } from './reportText.js';
import { parseSince } from './since.js';

/** What GET /api/stats needs. */
export interface StatsRouteDependencies {
  /** Agent accounts: the same guard as the agent desk. */
  auth: AgentAuth;
  /** Absent when EVENT_LOG=off. */
  eventLog?: EventLog;
  normalizer: { terms(text: string): string[] };
  thresholds: { answer: number; clarify: number };
  log: Logger;
  now?: () => Date;
}

/** The period a request without `since` covers. */
const DEFAULT_SINCE = '7d';

/**
 * `GET /api/stats[?since=7d|24h|2w|2026-11-01]`: the numbers of `icp-bot report --format json` for a
 * dashboard (this instance's events are written first, so they count). Agents only: 401 with a
 * Basic challenge otherwise; 400 for a bad `since`; 404 when the event log is off; 503 when the
 * store cannot be read.
 */
export function registerStats(server: Server, deps: StatsRouteDependencies): void {
  const now = deps.now ?? (() => new Date());
  server.get('/api/stats', async (req, res) => {
    res.header('Cache-Control', 'no-store');
    if (!(await deps.auth.require(req, res, { challenge: true }))) return;
    if (!deps.eventLog) {
      res.send(404, { error: 'the event log is off (EVENT_LOG=off)' });
      return;
    }
    const to = now();
    let from: Date;
    try {
      from = parseSince(new URL(req.url ?? '/', 'http://localhost').searchParams.get('since') ?? DEFAULT_SINCE, to);
    } catch (error) {
      res.send(400, { error: 'invalid since', reason: (error as Error).message.replace(/^parseSince\(\): /, '') });
      return;
    }
    try {
      await deps.eventLog.drain();
      const { events, unreadable } = await deps.eventLog.read(from, to);
      const report = buildReport(events, { from, to, thresholds: deps.thresholds, normalizer: deps.normalizer, unreadable, now });
      res.send(200, { ...reportSummary(report), eventLog: deps.eventLog.counters });
    } catch (error) {
      deps.log('error', `GET /api/stats: cannot read the event log: ${(error as Error).message}`);
      res.send(503, { error: 'cannot read the event log now' });
    }
  });
}
