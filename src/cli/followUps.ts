import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../app.js';
import { formatReplyScores, plannedReply, scoreReplies, type LabelledQuestion, type ReplyScores } from '../nlu/evaluate.js';
import { splitHeldOut } from '../nlu/evaluateSituations.js';
import { topicAfter } from '../nlu/followUp.js';
import { LANGUAGES, type Language } from '../nlu/language.js';
import { planOf } from './planOf.js';

/** A labelled follow-up: the message before it, and the entry that answers it there (or none). */
export interface FollowUp {
  first: string;
  followUp: string;
  expected: string;
  language: Language;
}

/** Reads a `first<TAB>follow_up<TAB>id` file with a header line. */
export function readFollowUps(path: string, language: Language): FollowUp[] {
  const out: FollowUp[] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const [first, followUp, expected, ...rest] = line.split('\t').map((cell) => cell.trim());
      if (!first || !followUp || !expected || rest.length > 0) throw new Error(`readFollowUps(): ${path}:${i + 2}: expected "first<TAB>follow_up<TAB>id"`);
      out.push({ first, followUp, expected, language });
    });
  return out;
}

/** The follow-ups' replies read alone (as every message was before) and in their conversation, per half of the set. */
export interface FollowUpScores {
  /** The half read for general causes (odd positions) and the sealed half, reported in counts only. */
  read: { alone: Record<Language, ReplyScores>; inConversation: Record<Language, ReplyScores> };
  sealed: { alone: Record<Language, ReplyScores>; inConversation: Record<Language, ReplyScores> };
}

/**
 * `eval --follow-ups`: each labelled follow-up planned after its first message, as the root dialog plans it: with the facts
 * the first message told, alone and in the topic its reply left (test/labelled/follow-ups/).
 */
export function scoreFollowUps(core: Core, labelledDir: string): FollowUpScores {
  const rows = LANGUAGES.flatMap((language) => readFollowUps(join(labelledDir, 'follow-ups', `${language}.tsv`), language));
  const score = (part: readonly FollowUp[]) => {
    // Each follow-up as a labelled question, with what its conversation holds when it comes: the facts and the reply's topic.
    const questions = new Map(
      part.map((row) => {
        const question: LabelledQuestion = { question: row.followUp, expected: row.expected, language: row.language };
        return [question, { row, known: core.facts.read(row.first).profile, topic: topicAfter(planOf(core, row.first, row.language)) }] as const;
      }),
    );
    const replies = (inConversation: boolean) =>
      scoreReplies([...questions.keys()], (question) => {
        const { row, known, topic } = questions.get(question)!;
        return plannedReply(planOf(core, row.followUp, row.language, undefined, { known, ...(inConversation ? { topic } : {}) }));
      });
    return { alone: replies(false), inConversation: replies(true) };
  };
  const halves = LANGUAGES.map((language) => splitHeldOut(rows.filter((row) => row.language === language)));
  return { read: score(halves.flatMap((h) => h.read)), sealed: score(halves.flatMap((h) => h.sealed)) };
}

/** The tables of {@link scoreFollowUps}. */
export function formatFollowUps(scores: FollowUpScores): string {
  return [
    formatReplyScores(scores.read.alone, 'follow-ups, read half, each read alone'),
    formatReplyScores(scores.read.inConversation, 'follow-ups, read half, in their conversation'),
    formatReplyScores(scores.sealed.alone, 'follow-ups, sealed half, each read alone'),
    formatReplyScores(scores.sealed.inConversation, 'follow-ups, sealed half, in their conversation'),
  ].join('');
}
