import { describe, expect, it } from 'vitest';
import { recognisePreconditions } from '../../../../main/core/suggest/precondition';
import { suggest } from '../../../../main/core/suggest';

/** [text, holder] of every precondition found (with quotes, so a condition in a quote gets its speaker). */
const preconditions = (text: string): [string, string][] =>
  suggest(text, { labels: ['precondition'] }).map((s) => [s.text, s.attributes.holder ?? '']);

describe('precondition recogniser', () => {
  it.each([
    {
      text: 'President Vladimir Putin said Russia is willing to end the conflict, but only if Ukraine abandons its NATO ambitions.',
      found: [['Ukraine abandons its NATO ambitions', 'Vladimir Putin']],
    },
    {
      text: 'Ukrainian President Volodymyr Zelensky is open to peace negotiations, contingent upon receiving security guarantees from U.S. President Donald Trump.',
      found: [['receiving security guarantees from U.S. President Donald Trump', 'Volodymyr Zelensky']],
    },
    {
      text: 'Dmytro Kuleba indicated a willingness to dialogue, provided Russia is genuinely prepared for fair negotiations.',
      found: [['Russia is genuinely prepared for fair negotiations', 'Dmytro Kuleba']],
    },
    {
      text: 'Putin would only negotiate with Zelensky if the latter were to hold an election, which would restore his legitimacy.',
      found: [['the latter were to hold an election', 'Putin']],
    },
    {
      text: 'Zelensky wants assurances from Trump regarding Ukraine’s defense prior to any discussions with Putin.',
      found: [['assurances from Trump regarding Ukraine’s defense', 'Zelensky']],
    },
    {
      text: 'If Kyiv withdraws its troops, Russia will agree to a ceasefire.',
      found: [['Kyiv withdraws its troops', 'Russia']],
    },
    {
      text: 'Unless the sanctions are lifted, Moscow will not sign any peace deal, Lavrov said.',
      found: [['the sanctions are lifted', 'Lavrov']],
    },
    {
      text: 'Ukraine must first regain its territory before any negotiations, said Andriy Yermak.',
      found: [['regain its territory', 'Andriy Yermak']],
    },
    {
      text: 'According to Peskov, peace could be achieved if Ukraine rescinded the decree, resumed dialogue, and acknowledged the “realities of today.”',
      found: [['Ukraine rescinded the decree, resumed dialogue, and acknowledged the “realities of today', 'Peskov']],
    },
  ])('finds the condition and its holder in "$text"', ({ text, found }) => {
    expect(preconditions(text)).toEqual(found);
  });

  it('gives a condition inside a quote the quote’s speaker as holder', () => {
    expect(
      preconditions(
        'Dmitry Peskov spoke.\n“Russia is open to a negotiation process. But first, we have to understand how ready Kyiv is,” he said.',
      ),
    ).toEqual([['understand how ready Kyiv is', 'Dmitry Peskov']]);
  });

  it.each([
    'Reporters asked if talks would resume.',
    'Even if a deal is signed, fighting may continue.',
    'Zelensky spoke about the talks as if nothing had happened.',
    'Peace, if any, is far away.',
    'It was unclear whether negotiations would start, or if they would.',
    'The ceasefire lasted until midnight.',
    'The truce held until Friday, when talks collapsed.',
  ])('suggests no precondition for an "if" or "until" that sets none: %s', (text) => {
    expect(preconditions(text)).toEqual([]);
  });

  it('suggests no precondition when the sentence is not about talks, a ceasefire, peace or a deal', () => {
    expect(
      preconditions('Trump would reexamine the pause in aid if the White House sees signs of commitment to diplomacy.'),
    ).toEqual([]);
    expect(preconditions('If it rains tomorrow, the parade will be cancelled.')).toEqual([]);
  });

  it('runs without quotes and keeps offsets in UTF-16 code units', () => {
    const text = '😀 Moscow will negotiate only if Kyiv abandons its NATO bid.';
    const [found] = recognisePreconditions(text);
    expect(found).toMatchObject({
      start: 33,
      end: 59,
      text: 'Kyiv abandons its NATO bid',
      attributes: { holder: 'Moscow' },
    });
  });
});
