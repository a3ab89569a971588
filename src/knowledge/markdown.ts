import MarkdownIt from 'markdown-it';

/**
 * markdown-it as botframework-webchat renders a message's Markdown (its renderMarkdown's options, and
 * the markdown-it version it pins, which package.json pins too), so a check sees what the page shows.
 */
const webChatMarkdown = new MarkdownIt({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });

/** Emphasis markers that stay literal text when rendered. */
const LITERAL_MARKER = /\*\*|__/;

/**
 * The places where Web Chat would show `**` or `__` as text instead of bold: CommonMark opens
 * emphasis between a letter and punctuation (Chinese `《`, `“`) only on the punctuation's side, so
 * `申请**《许可证》**` stays literal while `申请《**许可证**》` is bold. Each place is the text around
 * the marker, as rendered. Code is not looked at.
 */
export function literalEmphasis(markdown: string): string[] {
  const found: string[] = [];
  for (const block of webChatMarkdown.parse(markdown, {})) {
    for (const token of block.children ?? []) {
      if (token.type !== 'text') continue;
      const at = token.content.search(LITERAL_MARKER);
      if (at >= 0) found.push(token.content.slice(Math.max(0, at - 12), at + 14));
    }
  }
  return found;
}
