import type { Activity } from 'botbuilder';
import { DirectLineSession, RUNNER_USER_ID } from './directLineSession.js';
import { LiveOptions } from './live.js';
import { convoFromActivities, type RecordedConvo, type RecordOptions } from './record.js';

/** A turn is over when no further bot message came for this long. */
const QUIET_MS = 1000;
/** Longest wait for a welcome before the first message is sent (a bot need not send one). */
const WELCOME_WAIT_MS = 3000;

/**
 * Records a conversation over Direct Line: sends each non-empty line as a user message, waits for
 * the bot's replies (up to `timeoutMs` for the first, until a quiet second for the rest), and
 * writes the conversation as a `.convo.txt` (see convoFromActivities).
 */
export async function recordLive(lines: Iterable<string> | AsyncIterable<string>, options: LiveOptions, record: RecordOptions): Promise<RecordedConvo> {
  const session = new DirectLineSession(LiveOptions.parse(options));
  const activities: Partial<Activity>[] = [];
  try {
    activities.push(...(await settle(session, Math.min(WELCOME_WAIT_MS, options.timeoutMs))));
    for await (const raw of lines) {
      const text = raw.trim();
      if (text === '') continue;
      await session.post({ type: 'message', text });
      activities.push({ type: 'message', text, from: { id: RUNNER_USER_ID, name: 'convo runner', role: 'user' } });
      activities.push(...(await settle(session, options.timeoutMs)));
    }
  } finally {
    session.end();
  }
  return convoFromActivities(activities, record);
}

/** The bot messages of the current turn, once they have stopped coming. */
async function settle(session: DirectLineSession, firstWaitMs: number): Promise<Partial<Activity>[]> {
  const turn = session.turn;
  let count = (await session.waitFor(() => session.messages(turn).length || undefined, firstWaitMs)) ?? 0;
  while (count > 0) {
    const more = await session.waitFor(() => (session.messages(turn).length > count ? session.messages(turn).length : undefined), QUIET_MS);
    if (more === undefined) break;
    count = more;
  }
  // Marked as the bot's, whatever role the service gives them.
  return session.messages(turn).map((m) => ({ ...m, from: { id: m.from?.id ?? 'bot', name: m.from?.name ?? 'bot', role: 'bot' } }));
}
