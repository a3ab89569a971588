import type { i18n } from 'i18next';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { DocumentStore } from '../storage/documentStore.js';
import { EventLog } from './eventLog.js';
import { LearningLoop } from './learningLoop.js';

export { EventLog, type EventLogCounters } from './eventLog.js';
export { LearningLoop, type FeedbackKind, type LearningPending } from './learningLoop.js';
export type { LearningEvent } from './events.js';
export { redactPersonalData } from './redact.js';
export { buildReport, type LearningReport } from './report.js';
export { formatReportText, reportSummary } from './reportText.js';
export { renderReportHtml } from './reportHtml.js';
export { parseSince } from './since.js';
export { proposeSuggestions, proposeExampleSuggestions, writeSuggestions, listSuggestions, acceptSuggestion, rejectSuggestion, type Suggestion } from './suggest.js';
export { registerStats } from './statsRoute.js';

/** The learning loop of a bot app, on the bot's own store (the plain one: the log keeps its own eTags). */
export function makeLearningLoop(
  config: Pick<Config, 'EVENT_LOG_SALT' | 'EVENT_RETENTION_DAYS' | 'STORAGE' | 'STATE_TTL_SECONDS'>,
  deps: { storage: DocumentStore; i18n: i18n; log: Logger },
): LearningLoop {
  if (config.STORAGE === 'redis' && config.STATE_TTL_SECONDS > 0 && config.STATE_TTL_SECONDS < config.EVENT_RETENTION_DAYS * 86_400) {
    deps.log('warn', `event log: STATE_TTL_SECONDS (${config.STATE_TTL_SECONDS}) expires Redis keys before EVENT_RETENTION_DAYS (${config.EVENT_RETENTION_DAYS}) ends; events are kept only that long`);
  }
  const eventLog = new EventLog({ storage: deps.storage, salt: config.EVENT_LOG_SALT, retentionDays: config.EVENT_RETENTION_DAYS, log: deps.log });
  return new LearningLoop({ eventLog, i18n: deps.i18n });
}

/** The matcher thresholds a report marks. */
export function thresholdsOf(config: Pick<Config, 'ANSWER_THRESHOLD' | 'CLARIFY_THRESHOLD'>): { answer: number; clarify: number } {
  return { answer: config.ANSWER_THRESHOLD, clarify: config.CLARIFY_THRESHOLD };
}
