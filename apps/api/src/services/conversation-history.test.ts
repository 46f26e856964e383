import { CONVERSATION_TITLE_MAX_CHARS } from '@repolens/contracts';
import { describe, expect, it } from 'vitest';
import { conversationTitle } from './conversation-history.js';

describe('a conversation title', () => {
  it('is the first question on one line', () => {
    expect(conversationTitle('  Where is the\n  server started?  ')).toBe('Where is the server started?');
  });

  it('is cut at a word boundary with an ellipsis when the question is long', () => {
    const question = 'How does the retry helper decide how long to wait between attempts, and where is the upper limit on that delay configured?';
    const title = conversationTitle(question);
    expect(title.length).toBeLessThanOrEqual(CONVERSATION_TITLE_MAX_CHARS);
    expect(title).toBe('How does the retry helper decide how long to wait between attempts, and where…');
    expect(conversationTitle('x'.repeat(200))).toBe(`${'x'.repeat(CONVERSATION_TITLE_MAX_CHARS - 1)}…`);
  });

  it('says so when there is no question', () => {
    expect(conversationTitle(' \n ')).toBe('Untitled conversation');
  });
});
