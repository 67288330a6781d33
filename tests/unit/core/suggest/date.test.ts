import { describe, expect, it } from 'vitest';
import { recogniseDates } from '../../../../main/core/suggest/date';

/** [text, value] of every date found. */
const dates = (text: string, publishedAt: string | null = null): [string, string][] =>
  recogniseDates(text, publishedAt).map((s) => [s.text, s.attributes.value ?? '']);

describe('date recogniser', () => {
  it.each([
    { text: 'The talks took place on March 4, 2025.', found: [['March 4, 2025', '2025-03-04']] },
    { text: 'In September 2022, he signed a decree.', found: [['September 2022', '2022-09']] },
    { text: 'It was formed in 2014.', found: [['2014', '2014']] },
    { text: 'In late 2022, Zelensky enacted a decree.', found: [['late 2022', '2022-Q4']] },
    { text: 'In early 2023 the front froze.', found: [['early 2023', '2023-Q1']] },
    { text: 'Photo taken on Dec. 19, 2024 in Moscow.', found: [['Dec. 19, 2024', '2024-12-19']] },
    {
      text: 'He spoke on 4 March 2025 and on 2025-03-05.',
      found: [
        ['4 March 2025', '2025-03-04'],
        ['2025-03-05', '2025-03-05'],
      ],
    },
    { text: 'Peace was closer in the 1990s.', found: [['1990s', '199']] },
  ])('finds and values the absolute dates in "$text"', ({ text, found }) => {
    expect(dates(text)).toEqual(found);
  });

  it('leaves out a leading preposition and trailing punctuation', () => {
    const [date] = recogniseDates('The Kremlin said so on Monday, then again since Tuesday.', '2024-12-11');
    expect(date?.text).toBe('Monday');
    expect(dates('The Kremlin said so on Monday, then again since Tuesday.', '2024-12-11')).toEqual([
      ['Monday', '2024-12-09'],
      ['Tuesday', '2024-12-10'],
    ]);
  });

  it('resolves relative dates against the publication date', () => {
    const text =
      'Bloomberg reported on Thursday. Sibiga confirmed it earlier this month. His term ended in May of last year. They meet this week; the summit was earlier this year.';
    expect(dates(text, '2025-01-23')).toEqual([
      ['Thursday', '2025-01-23'],
      ['earlier this month', '2025-01'],
      ['May of last year', '2024-05'],
      ['this week', '2025-W04'],
      ['earlier this year', '2025'],
    ]);
  });

  it('values "ago" at the unit it counts in', () => {
    expect(dates('Talks broke down three days ago, two weeks ago, a year ago.', '2025-03-06')).toEqual([
      ['three days ago', '2025-03-03'],
      ['two weeks ago', '2025-W08'],
      ['a year ago', '2024'],
    ]);
    expect(dates('Talks broke down three days ago.')).toEqual([['three days ago', '']]);
  });

  it('keeps relative dates without a publication date, with an empty value', () => {
    expect(dates('Bloomberg reported on Thursday, earlier this month, about May of last year.')).toEqual([
      ['Thursday', ''],
      ['earlier this month', ''],
      ['May of last year', ''],
    ]);
  });

  it('gives "that same month" and "earlier that day" the value of the date before them', () => {
    expect(dates('In September 2022 he signed one decree and another that same month.')).toEqual([
      ['September 2022', '2022-09'],
      ['that same month', '2022-09'],
    ]);
    expect(
      dates('On March 4, 2025, Trump said the letter had come earlier that day. The day after, talks began.'),
    ).toEqual([
      ['March 4, 2025', '2025-03-04'],
      ['earlier that day', '2025-03-04'],
      ['The day after', '2025-03-05'],
    ]);
  });

  it.each([
    'The Easter truce lasted just 30 hours before both sides accused each other.',
    'The meeting started at 10:00 and ran for two weeks.',
    'The video is 0:00 long; a peace that lasts is the goal.',
    'Zelenskyy offered this framework a day after Trump paused aid.',
    'Russia may march on; the realities of today are grim.',
    'The ceasefire held for 72 hours.',
  ])('finds no date in durations, times of day and words that only look like dates: "%s"', (text) => {
    expect(dates(text, '2025-04-21')).toEqual([]);
  });

  it('keeps a date inside a quote and gives every span the text it covers', () => {
    const text = 'Trump hoped they would reach a deal “this week.”';
    const [date] = recogniseDates(text, '2025-04-21');
    expect(date).toMatchObject({
      text: 'this week',
      label: 'date',
      recogniser: 'date',
      attributes: { value: '2025-W17' },
    });
    expect(text.slice(date?.start, date?.end)).toBe('this week');
  });

  it('counts offsets in UTF-16 code units after an emoji', () => {
    const [date] = recogniseDates('😀 Talks resumed on March 4, 2025.', null);
    expect(date).toMatchObject({ start: 20, end: 33, text: 'March 4, 2025' });
  });
});
