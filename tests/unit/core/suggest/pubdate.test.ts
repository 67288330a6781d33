import { describe, expect, it } from 'vitest';
import { detectPublicationDate } from '../../../../main/core/suggest';

describe('detectPublicationDate', () => {
  it.each([
    { text: 'Title\nPublished: March 5, 2025 10:00 AM\nText', date: '2025-03-05' },
    { text: 'Title\nPosted on 2025-03-05\nText', date: '2025-03-05' },
    { text: 'KYIV, Ukraine, March 5, 2025 — Talks resumed today.', date: '2025-03-05' },
    { text: 'Title\n\nWednesday, March 5, 2025\n\nBody', date: '2025-03-05' },
    { text: 'Title\nUpdated: 2025-03-07\nPublished: 2025-03-05\n', date: '2025-03-05' },
    { text: 'Title\nUpdated: March 7, 2025\nBody', date: '2025-03-07' },
  ])('reads $date from the top of the article', ({ text, date }) => {
    expect(detectPublicationDate(text)).toBe(date);
  });

  it.each([
    'Peskov attends a press conference held in Moscow on Dec. 19, 2024. Sputnik',
    'Title\nUpdated:\n0:00\nBody on Thursday.',
    'Title\nMarch 5\nBody',
    `Title\n${'Body line.\n'.repeat(40)}Published March 5, 2025`,
  ])('returns null when the article states no date of its own: %s', (text) => {
    expect(detectPublicationDate(text)).toBeNull();
  });
});
