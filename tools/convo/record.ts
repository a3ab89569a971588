import type { Activity } from 'botbuilder';
import { classifyLine } from './directives.js';
import { cardTextsOf } from './message.js';

/** Longest expected text a recorded `#bot` block holds. */
export const RECORDED_LINE_CHARS = 80;

/** A recorded script, and what could not be written into it. */
export interface RecordedConvo {
  script: string;
  warnings: string[];
}

export interface RecordOptions {
  /** The convo's name (line 1). */
  name: string;
  description?: string;
}

/**
 * Turns a Bot Framework Emulator `.transcript` (a JSON array of activities) into a `.convo.txt`;
 * see convoFromActivities.
 */
export function convoFromTranscript(json: string, options: RecordOptions): RecordedConvo {
  let activities: unknown;
  try {
    activities = JSON.parse(json);
  } catch (error) {
    throw new Error(`convoFromTranscript(): not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(activities)) throw new Error('convoFromTranscript(): a transcript is a JSON array of activities');
  return convoFromActivities(activities as Partial<Activity>[], options);
}

/**
 * A `.convo.txt` from a conversation's activities: each user message becomes a `#me` block, each bot
 * message a `#bot` block holding the first line of its text (cut to 80 characters at a word
 * boundary) and `BUTTONS` with its suggested actions; a message with only a card is checked by its
 * card's first text. User messages are those whose `from.role` is "user" or whose `from.id` is
 * not the bot's; bot messages those whose role is "bot" (or whose id is the bot's).
 */
export function convoFromActivities(activities: readonly Partial<Activity>[], options: RecordOptions): RecordedConvo {
  // Without roles, the bot is whom the conversation's first activity (the channel's update, or the user's first message) was sent to.
  const botId =
    activities.find((a) => a.from?.role === 'bot')?.from?.id ??
    activities.find((a) => a.from?.role === 'user')?.recipient?.id ??
    activities.find((a) => a.type === 'conversationUpdate' || a.type === 'message')?.recipient?.id;
  const isBot = (a: Partial<Activity>) => a.from?.role === 'bot' || (botId !== undefined && a.from?.id === botId);
  const warnings: string[] = [];
  const blocks: string[] = [];
  activities.forEach((activity, index) => {
    if (activity.type !== 'message') return;
    if (isBot(activity)) {
      blocks.push(['#bot', ...botBlock(activity)].join('\n'));
      return;
    }
    const lines = (activity.text ?? '').split(/\r?\n/).map((l) => l.trim());
    const unsafe = lines.filter((l) => l !== '' && classifyLine(l).kind !== 'text');
    if (lines.every((l) => l === '') || unsafe.length > 0) {
      const why = unsafe.length > 0 ? `a line reads as a block or directive (${JSON.stringify(unsafe[0])})` : 'it has no text (a card submit?)';
      warnings.push(`activity ${index + 1} (a user message) left out: ${why}`);
      return;
    }
    blocks.push(['#me', ...trimBlankEdges(lines)].join('\n'));
  });
  const head = [options.name.trim(), ...(options.description ? [options.description.trim()] : [])].join('\n');
  return { script: `${[head, ...blocks].join('\n\n')}\n`, warnings };
}

/** The checks a recorded bot message gets. */
function botBlock(activity: Partial<Activity>): string[] {
  const lines: string[] = [];
  const first = plainLine(firstLine(activity.text ?? ''));
  if (first) lines.push(first);
  const titles = (activity.suggestedActions?.actions ?? []).map((a) => String(a.title ?? '').trim()).filter((t) => t !== '' && !t.includes('|'));
  if (titles.length > 0) lines.push(`BUTTONS ${titles.join('|')}`);
  if (!first) {
    const card = cardTextsOf(activity)
      .map((t) => firstLine(t))
      .find((t) => t !== '' && !t.includes('|'));
    if (card) lines.push(`CARDS ${card}`);
  }
  if (lines.length === 0) lines.push('TEXT_REGEXP_ANY ^$');
  return lines;
}

/** The first non-empty line of a text, cut to RECORDED_LINE_CHARS at a word boundary. */
export function firstLine(text: string): string {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (!line) return '';
  if (line.length <= RECORDED_LINE_CHARS) return line;
  let cut = '';
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(line)) {
    if (cut.length + segment.length > RECORDED_LINE_CHARS) break;
    cut += segment;
  }
  return (cut.trimEnd() || line.slice(0, RECORDED_LINE_CHARS)).trimEnd();
}

/** A text made safe as a plain `#bot` line: leading words that would read as a block or directive are dropped. */
function plainLine(text: string): string {
  let line = text.replace(/^#+/, '').trim();
  while (line !== '' && classifyLine(line).kind !== 'text') line = line.replace(/^\S+\s*/, '');
  return line;
}

function trimBlankEdges(lines: string[]): string[] {
  const start = lines.findIndex((l) => l !== '');
  let end = lines.length;
  while (end > start && lines[end - 1] === '') end -= 1;
  return lines.slice(start, end);
}
