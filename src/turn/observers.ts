import type { HandoffTranscript } from '../handoff/transcript.js';
import type { OfferTriggers } from '../handoff/offerTriggers.js';
import type { TurnObserver } from './stateTurn.js';

/** Keeps the handoff's transcript: each message the user sends, each reply of a turn that is saved. */
export function transcriptObserver(transcript: HandoffTranscript): TurnObserver {
  return {
    beforeTurn: async (context) => {
      if (context.activity.type === 'message') await transcript.recordUser(context);
    },
    onReplies: (context, activities) => transcript.recordReplies(context, activities),
  };
}

/** Counts a routed message towards the offer of a person (its recognition and what routing made of it). */
export function offerTriggersObserver(triggers: OfferTriggers): TurnObserver {
  return {
    afterTurn: async (context, record) => {
      if (record.route && record.recognition) await triggers.noteRecognition(context, record.recognition, record.offer);
    },
  };
}
