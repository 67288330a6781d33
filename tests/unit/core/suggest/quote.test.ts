import { describe, expect, it } from 'vitest';
import { recogniseQuotes } from '../../../../main/core/suggest/quote';

/** [text, speaker] of every quote found. */
const quotes = (text: string): [string, string][] =>
  recogniseQuotes(text).map((s) => [s.text, s.attributes.speaker ?? '']);

describe('quote recogniser', () => {
  it('takes the words inside curly marks, without the marks and the comma before the attribution', () => {
    const text = 'Kremlin spokesman Dmitry Peskov spoke.\n“The question is who to sit down with,” Peskov said.';
    const [quote] = recogniseQuotes(text);
    expect(quote).toMatchObject({ label: 'quote', recogniser: 'quote', text: 'The question is who to sit down with' });
    expect(text.slice(quote?.start, quote?.end)).toBe(quote?.text);
    expect(quote?.attributes).toEqual({ speaker: 'Dmitry Peskov' });
  });

  it('pairs straight double marks too', () => {
    expect(quotes('Lavrov said: "We are ready for talks."')).toEqual([['We are ready for talks.', 'Lavrov']]);
  });

  it('splits a quote an attribution interrupts into two spans with the same speaker', () => {
    expect(
      quotes('“We will not talk,” Peskov said, “unless Kyiv withdraws its troops.” Dmitry Peskov is the spokesman.'),
    ).toEqual([
      ['We will not talk', 'Dmitry Peskov'],
      ['unless Kyiv withdraws its troops', 'Dmitry Peskov'],
    ]);
  });

  it('runs a quote over paragraphs that each reopen it, to the closing mark', () => {
    const text = '“The first paragraph is long enough.\n\n“The second goes on.\n\n“The third ends,” Lavrov said.';
    const [quote, ...rest] = recogniseQuotes(text);
    expect(rest).toEqual([]);
    expect(quote?.text).toBe('The first paragraph is long enough.\n\n“The second goes on.\n\n“The third ends');
    expect(quote?.attributes.speaker).toBe('Lavrov');
  });

  it('drops an opening mark that is never closed and does not reopen', () => {
    expect(quotes('“This quote never ends.\n\nA new paragraph.')).toEqual([]);
  });

  it('keeps single marks, apostrophes and nested quotes inside the double quote', () => {
    expect(
      quotes(
        'He said: “It’s the ’90s again, don’t you think? Zelensky’s team said ‘no talks’ and left,” Lavrov added.',
      ),
    ).toEqual([['It’s the ’90s again, don’t you think? Zelensky’s team said ‘no talks’ and left', 'Lavrov']]);
  });

  it('pairs curly single marks at the top level but not apostrophes', () => {
    expect(quotes('Putin says ‘no talks with Kyiv’ in a statement. Zelensky’s reply came fast.')).toEqual([
      ['no talks with Kyiv', 'Putin'],
    ]);
  });

  it.each([
    'He is the first official to visit since Russia’s “special military operation” began.',
    'The so-called “peace plan” was rejected out of hand, the ministry said.',
  ])('leaves out scare quotes: %s', (text) => {
    expect(quotes(text)).toEqual([]);
  });

  it('keeps a short quote when a verb of saying names its speaker', () => {
    expect(quotes('Ukrainian President Volodymyr Zelenskyy called Putin a “killer and terrorist.”')).toEqual([
      ['killer and terrorist', 'Volodymyr Zelenskyy'],
    ]);
  });

  it.each([
    { text: 'Zelenskyy wrote: “Ukraine is ready for peace.”', speaker: 'Zelenskyy' },
    { text: '“We are ready,” said Dmitry Peskov.', speaker: 'Dmitry Peskov' },
    { text: 'Kremlin spokesman Dmitry Peskov spoke.\n“We are ready,” Peskov said.', speaker: 'Dmitry Peskov' },
    {
      text: 'Kremlin spokesman Dmitry Peskov spoke.\n“We are ready,” the Kremlin spokesman said.',
      speaker: 'Dmitry Peskov',
    },
    { text: 'Sergei Lavrov spoke. According to Lavrov, “the door is open.”', speaker: 'Sergei Lavrov' },
    { text: 'Dmitry Peskov spoke.\n“We are open,” Interfax quoted Peskov as saying.', speaker: 'Dmitry Peskov' },
    {
      text: 'Volodymyr Zelenskyy wrote to him.\n“We stand ready,” Trump added, quoting Zelenskyy’s statement.',
      speaker: 'Volodymyr Zelenskyy',
    },
    {
      text: 'Kremlin spokesman Dmitry Peskov clarified, telling the Interfax news agency:\n\n“We meant talks.”',
      speaker: 'Dmitry Peskov',
    },
    {
      text: 'Ukrainian President Volodymyr Zelenskiy responded.\n\n“We are ready for talks,” he said.',
      speaker: 'Volodymyr Zelenskiy',
    },
    { text: '“We are ready for talks,”\nPutin said.', speaker: 'Putin' },
  ])('finds the speaker in "$text"', ({ text, speaker }) => {
    expect(quotes(text).map(([, s]) => s)).toEqual([speaker]);
  });

  it('gives a quote that goes on after its attribution the same speaker', () => {
    expect(quotes('Dmitry Peskov spoke. “We are open,” Peskov said. “Different options are possible.”')).toEqual([
      ['We are open', 'Dmitry Peskov'],
      ['Different options are possible.', 'Dmitry Peskov'],
    ]);
  });

  it('leaves the speaker empty when nothing names one, and does not take a new sentence as an attribution', () => {
    expect(quotes('“Peace is far away.” Putin added that talks could wait.')).toEqual([['Peace is far away.', '']]);
  });
});
