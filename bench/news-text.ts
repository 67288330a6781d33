/**
 * News-like article text for the workloads: a headline, then paragraphs of two to five sentences
 * about talks and ceasefires, with curly quotes, apostrophes, dates and one emoji in 40 sentences.
 */
import type { Random } from './random';

const PEOPLE = [
  'Olena Kovalenko',
  'Dmitry Sokolov',
  'Maria Brandt',
  'James Whitaker',
  'Amara Okafor',
  'Lukas Meyer',
  'Ines Duarte',
  'Kenji Watanabe',
  'Sofia Lindqvist',
  'Pierre Lambert',
];
const ROLES = ['the foreign minister', 'a senior adviser', 'the envoy', 'a Kremlin spokesman', 'the prime minister'];
const PLACES = ['Kyiv', 'Moscow', 'Geneva', 'Istanbul', 'Brussels', 'Washington', 'Warsaw', 'Riyadh', 'Ankara'];
const GROUPS = ['the United Nations', 'NATO', 'the European Union', 'the Red Cross', 'the OSCE', 'the G7'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const TOPICS = [
  'a ceasefire along the front line',
  'the exchange of prisoners',
  'security guarantees for the region',
  'the reopening of grain corridors',
  'sanctions relief',
  'the withdrawal of heavy weapons',
  'a monitoring mission',
  'the return of displaced families',
];
const CLAIMS = [
  'talks could resume within weeks',
  'no agreement would be signed without guarantees',
  'both sides had shown little willingness to compromise',
  'the proposal remained on the table',
  'the next round would depend on progress on the ground',
  'negotiators had made “modest but real” progress',
  'any deal must be approved by parliament',
];
const EMOJI = ['🕊️', '📰', '🤝', '🇺🇦', '⚠️'];

type Sentence = (r: Random) => string;

const date = (r: Random): string => `${r.pick(MONTHS)} ${r.int(1, 28)}, ${r.int(2022, 2025)}`;
const person = (r: Random): string => r.pick(PEOPLE);
const capitalized = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1);

const SENTENCES: readonly Sentence[] = [
  (r) => `${person(r)}, ${r.pick(ROLES)}, said on ${r.pick(DAYS)} that ${r.pick(CLAIMS)}.`,
  (r) => `“We are ready to discuss ${r.pick(TOPICS)},” ${person(r)} told reporters in ${r.pick(PLACES)}.`,
  (r) => `According to ${r.pick(GROUPS)}, ${r.pick(CLAIMS)} by ${date(r)}.`,
  (r) => `Talks on ${r.pick(TOPICS)} could begin only if ${r.pick(CLAIMS)}, officials in ${r.pick(PLACES)} said.`,
  (r) => `${person(r)} warned that ${r.pick(CLAIMS)}, adding that ${r.pick(TOPICS)} was “not negotiable.”`,
  (r) => `Delegations met in ${r.pick(PLACES)} on ${date(r)} to discuss ${r.pick(TOPICS)}.`,
  (r) => `The ministry’s statement did not say whether ${r.pick(CLAIMS)}.`,
  (r) => `${capitalized(r.pick(GROUPS))} called for ${r.pick(TOPICS)} before the winter.`,
  (r) => `“Nothing is agreed until everything is agreed,” said ${person(r)}, ${r.pick(ROLES)}.`,
];

/** Every this many sentences, one ends with an emoji. */
const EMOJI_EVERY = 40;

/** One paragraph of two to five sentences; `counted` numbers the sentences of the article. */
function paragraph(r: Random, counted: { sentences: number }): string {
  const sentences: string[] = [];
  for (let i = r.int(2, 5); i > 0; i -= 1) {
    const sentence = r.pick(SENTENCES)(r);
    counted.sentences += 1;
    sentences.push(counted.sentences % EMOJI_EVERY === 0 ? `${sentence} ${r.pick(EMOJI)}` : sentence);
  }
  return sentences.join(' ');
}

/**
 * An article of exactly `length` UTF-16 code units: a headline line, then paragraphs separated
 * by blank lines. The cut at `length` never splits a surrogate pair.
 */
export function newsText(r: Random, length: number): string {
  const parts = [`${person(r)} says ${r.pick(TOPICS)} is within reach`];
  let size = parts[0]?.length ?? 0;
  const counted = { sentences: 0 };
  while (size < length) {
    const next = paragraph(r, counted);
    parts.push(next);
    size += next.length + 2;
  }
  const text = parts.join('\n\n');
  const last = text.charCodeAt(length - 1);
  const cut = last >= 0xd800 && last <= 0xdbff ? `${text.slice(0, length - 1)}.` : text.slice(0, length);
  return cut;
}
