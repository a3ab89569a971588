import type { Convo, Expansion, MeInput, MeLine, Turn } from './types.js';

/** Most runs one convo may expand to; more means utterances files multiplied by accident. */
const MAX_EXPANSIONS = 1000;
/** Characters of a phrasing shown in an expansion's label. */
const LABEL_TEXT_CHARS = 60;

/**
 * The runs of a convo: one per combination of the phrasings of the utterances its `#me` lines
 * name (a single run, without a label, when it names none).
 */
export function expandConvo(convo: Convo): Expansion[] {
  const slots = convo.steps.flatMap((step) =>
    step.sender === 'me' && step.input.kind === 'text' ? step.input.lines.filter((l): l is Extract<MeLine, { kind: 'utterances' }> => l.kind === 'utterances') : [],
  );
  const total = slots.reduce((n, slot) => n * slot.utterances.texts.length, 1);
  if (total > MAX_EXPANSIONS) {
    throw new Error(`expandConvo(): ${convo.file} expands to ${total} runs (more than ${MAX_EXPANSIONS}); name fewer utterances in one convo`);
  }
  const expansions: Expansion[] = [];
  for (let index = 0; index < total; index += 1) {
    // Mixed-radix digits of `index`: which phrasing each slot uses.
    const choice = new Map<MeLine, number>();
    let rest = index;
    for (const slot of slots) {
      choice.set(slot, rest % slot.utterances.texts.length);
      rest = Math.floor(rest / slot.utterances.texts.length);
    }
    const turns: Turn[] = convo.steps.map((step, i): Turn => {
      const turn = i + 1;
      if (step.sender === 'bot') return { turn, ...step };
      const input: MeInput =
        step.input.kind === 'button'
          ? { kind: 'button', line: step.input.line, title: step.input.title }
          : { kind: 'text', text: step.input.lines.map((l) => (l.kind === 'text' ? l.text : l.utterances.texts[choice.get(l) ?? 0])).join('\n') };
      return { turn, sender: 'me', line: step.line, input };
    });
    const label =
      slots.length === 0
        ? undefined
        : slots
            .map((slot) => {
              const n = choice.get(slot) ?? 0;
              return `${slot.utterances.name} ${n + 1}/${slot.utterances.texts.length} "${shorten(slot.utterances.texts[n])}"`;
            })
            .join(', ');
    expansions.push({ convo, label, turns });
  }
  return expansions;
}

/** The name of one run, as test reports show it. */
export function expansionName(expansion: Expansion): string {
  return expansion.label ? `${expansion.convo.name} [${expansion.label}]` : expansion.convo.name;
}

function shorten(text: string): string {
  return text.length <= LABEL_TEXT_CHARS ? text : `${text.slice(0, LABEL_TEXT_CHARS - 1)}…`;
}
