/**
 * Who a text talks about, for the speaker of a quote and the holder of a precondition: person
 * names (runs of capitalised words without titles: "Kremlin spokesman Dmitry Peskov" → "Dmitry
 * Peskov"), parties (Russia, Kyiv, the Kremlin …), the fullest form of a surname, the subject of a
 * sentence and what "he" refers to. Heuristics for news English, no parser. Offsets are UTF-16.
 */
import type { Span } from '../span';
import { articleSentences, sentenceAt } from './sentences';

/** Words that precede a name without being part of it (titles, roles, nationalities, sentence openers). */
const NOT_A_NAME_START = new Set(
  `The A An In On At By For From To With But And Or So Yet As If When While After Before Since During Despite
  According However Meanwhile Still This That These Those His Her Their Our We He She They It I Both Earlier
  Later Speaking Reacting Addressing Following Once Nobody Asked Under Amid Also Then Now Last Next Even Only
  President President-elect Prime Minister Foreign Defense Defence Secretary State Chancellor Kremlin White House
  Spokesman Spokeswoman Spokesperson Ambassador Senator Sen Rep Governor Gov General Gen Mr Mrs Ms Dr Pope King
  Queen Prince Vice Deputy Chief Commander Lieutenant Colonel Admiral Marshal Envoy Special Adviser Advisor
  Director Chairman Chair Speaker Leader Mayor Head Premier Supreme National Security Interior Justice Finance
  Former Ex Acting Sir Lord Lady U.S. US UK EU UN NATO Russian Ukrainian American French German British Chinese
  Turkish Polish Israeli Palestinian Iranian Indian Brazilian Hungarian Belarusian Italian Spanish Japanese
  Korean Saudi Qatari Emirati European Western Eastern Finnish Swedish Dutch Belgian Georgian Moldovan
  Lithuanian Latvian Estonian Romanian Slovak Czech Canadian Australian Syrian Egyptian Swiss Austrian Norwegian
  Danish Irish Greek Serbian Croatian Bulgarian Kazakh Crimean Soviet`.split(/\s+/u),
);

/** Words that make a capitalised run an organisation, place, title or date rather than a person. */
const NOT_A_PERSON = new Set(
  `House Office News States Group Cathedral Times Council Ministry Union Nations Kingdom Republic Arabia Africa
  Emirates Social Agency Party Forces Army Navy Department Assembly Parliament Congress Senate Court Bank Fund
  Organization Organisation Summit Conference Forum Agreement Agreements Accords Treaty Region Oblast Sea Ocean
  River Square Street Palace Center Centre Institute University College School Post Journal Review Press TV
  Channel Network Company Corp Inc Ltd Initiative Plan Day Week Month Year Easter Christmas South North East
  West Eastern Western Middle Global Dame Brook Guard Service Services Command Station Airport Media Foundation
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
  September October November December Russia Ukraine Kyiv Kiev Moscow Washington China Beijing Europe America
  Iran Israel Turkey Istanbul Paris London Berlin Brussels Minsk Geneva Donbas Crimea Kherson Zaporizhzhia
  Zaporozhye Donetsk Luhansk Lugansk Kremlin God Truth`.split(/\s+/u),
);

/** Conflict parties named without a person: they can hold a precondition or speak ("the Kremlin said"). */
const PARTY =
  /\b(?:Russia|Ukraine|Kyiv|Kiev|Moscow|(?:the )?Kremlin|Washington|(?:the )?United States|U\.S\.|NATO|(?:the )?European Union|EU|China|Beijing|Israel|Hamas|Iran|Belarus|Minsk)(?![\w-])/gu;

const PRONOUN = /\b(?:he|she|He|She)\b/gu;

/** Verbs and nouns of saying, for attributions ("Peskov said", "said Peskov", "according to"). */
export const SAY = String.raw`(?:said|says|say|saying|told|tells|tell|telling|added|adds|adding|stated|states|stating|statement|wrote|writes|writing|written|posted|posts|posting|tweeted|tweets|declared|declares|announced|announces|insisted|insists|insisting|argued|argues|arguing|claimed|claims|noted|notes|noting|warned|warns|warning|asked|asks|replied|replies|responded|responds|explained|explains|stressed|stresses|stressing|emphasi[sz]ed|emphasi[sz]es|emphasi[sz]ing|continued|concluded|remarked|recalled|admitted|acknowledged|conceded|urged|urges|demanded|suggested|suggests|suggesting|promised|vowed|pledged|reiterated|reiterates|reiterating|observed|commented|confirmed|denied|accused|called|calls|calling|described|describes|describing|expressed|expresses|expressing|hoped|hopes|quoted|quoting|according to)`;

/** Verbs a person or a party is the subject of, besides saying: "Putin would", "Zelensky wants". */
const ACT = String.raw`(?:would|will|wants|wanted|has|had|is|was|insists|insisted|demands|demanded|indicated|seemed|seems|proposed|offered|rejected|refused|agreed)`;

/**
 * A single capitalised word that speaks or acts is a person: "Lavrov said", "said Lavrov",
 * "according to Lavrov", "Putin would".
 */
const SPEAKER_WORD = new RegExp(
  String.raw`\b(\p{Lu}\p{Ll}+(?:[-’'][\p{Lu}]\p{Ll}+)?)(?= (?:\p{Ll}+ly )?(?:${SAY}|${ACT})\b)|(?<=\b(?:${SAY}|According to) )(\p{Lu}\p{Ll}+(?:[-’'][\p{Lu}]\p{Ll}+)?)\b(?! \p{Lu})`,
  'gu',
);

const NAME_WORD = String.raw`(?:(?:\p{Lu}\.)+|\p{Lu}[\p{L}]*(?:[-’'][\p{Lu}][\p{L}]*)*)`;
const NAME_RUN = new RegExp(String.raw`${NAME_WORD}(?: ${NAME_WORD})*`, 'gu');

/** A person, party or pronoun mentioned at a place in the text. */
export interface Mention extends Span {
  kind: 'person' | 'party' | 'pronoun';
  /** The name as it reads there, titles dropped ("Peskov", "Dmitry Peskov", "Kremlin"). */
  name: string;
}

/** What the text says about people: their fullest names and every mention, in order. */
export interface NameIndex {
  text: string;
  sentences: Span[];
  mentions: Mention[];
  /** Surname → fullest form seen ("Peskov" → "Dmitry Peskov"). */
  fullNames: Map<string, string>;
  /** Role word → the people written right after it, in order (filled as roles are looked up). */
  roles: Map<string, { offset: number; name: string }[]>;
}

/** Whether a line is a headline in title case ("Kremlin Welcomes Signs …"): its runs are not names. */
function isTitleCase(line: string): boolean {
  if (/[.!?]["”’]?\s*$/u.test(line)) return false; // headlines do not end with a full stop
  const words = line.match(/\p{L}[\p{L}’'-]*/gu) ?? [];
  if (words.length < 4) return false;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / words.length >= 0.6;
}

/** The words of a run that form a name, titles and openers dropped; null when no name is left. */
function nameWords(run: string): string[] | null {
  const words = run.split(' ');
  let first = 0;
  words.forEach((w, i) => {
    if (NOT_A_NAME_START.has(w.replace(/\.$/u, '')) || NOT_A_NAME_START.has(w)) first = i + 1;
  });
  const rest = words.slice(first);
  if (rest.length === 0 || rest.some((w) => NOT_A_PERSON.has(w))) return null;
  return rest.slice(-3);
}

/** Indexes the person names of a text (two or more words, outside title-case headlines). */
export function indexNames(text: string): NameIndex {
  const fullNames = new Map<string, string>();
  const people: Mention[] = [];
  const headlines: Span[] = [];
  for (const line of text.matchAll(/[^\r\n]+/gu)) {
    if (isTitleCase(line[0])) headlines.push({ start: line.index, end: line.index + line[0].length });
  }
  const inHeadline = (offset: number): boolean => {
    const h = headlines[firstFrom(headlines, offset + 1) - 1];
    return h !== undefined && offset < h.end;
  };
  for (const run of text.matchAll(NAME_RUN)) {
    const words = nameWords(run[0]);
    if (words === null || inHeadline(run.index)) continue;
    const name = words.join(' ');
    const end = run.index + run[0].length;
    people.push({ start: end - name.length, end, kind: 'person', name });
    if (words.length >= 2) {
      const surname = words[words.length - 1] ?? '';
      const known = fullNames.get(surname);
      if (known === undefined || known.split(' ').length < words.length) fullNames.set(surname, name);
    }
  }
  // A single capitalised word is a person when it is the surname of a full name in the text, or
  // when it speaks ("Lavrov said"); sentence openers and places are not.
  const speakers = new Set<string>();
  for (const m of text.matchAll(SPEAKER_WORD)) {
    const word = m[1] ?? m[2] ?? '';
    if (!NOT_A_NAME_START.has(word) && !NOT_A_PERSON.has(word)) speakers.add(word);
  }
  const mentions: Mention[] = people.filter(
    (m) => fullNames.has(m.name.split(' ').pop() ?? '') || speakers.has(m.name),
  );
  for (const m of text.matchAll(PARTY)) {
    mentions.push({ start: m.index, end: m.index + m[0].length, kind: 'party', name: m[0].replace(/^the /u, '') });
  }
  for (const m of text.matchAll(PRONOUN)) {
    mentions.push({ start: m.index, end: m.index + m[0].length, kind: 'pronoun', name: m[0].toLowerCase() });
  }
  mentions.sort((a, b) => a.start - b.start);
  return { text, sentences: articleSentences(text), mentions, fullNames, roles: new Map() };
}

/** The fullest form of a name in the text ("Peskov" → "Dmitry Peskov"); other names as they are. */
export function fullestName(index: NameIndex, name: string): string {
  const surname = name.split(' ').pop() ?? name;
  const full = index.fullNames.get(surname);
  return full !== undefined && full.split(' ').length >= name.split(' ').length ? full : name;
}

/** Index of the first span in a list sorted by start that starts at or after `offset`. */
function firstFrom(list: readonly Span[], offset: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((list[middle]?.start ?? 0) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Mentions inside a range, in order. */
function mentionsIn(index: NameIndex, from: number, to: number): Mention[] {
  const result: Mention[] = [];
  for (let i = firstFrom(index.mentions, from); i < index.mentions.length; i += 1) {
    const m = index.mentions[i];
    if (m === undefined || m.start >= to) break;
    if (m.end <= to) result.push(m);
  }
  return result;
}

/** A word of a title or role before a name: "Foreign Minister", "ex-president", "chief of staff". */
export const TITLE_WORD = String.raw`(?:\p{Lu}[\p{L}.’'-]*|(?:ex-|former |vice[- ])?(?:spokes\p{L}+|president|presidential|minister|leader|envoy|advis[eo]r|official|ambassador|secretary|chief|commander|negotiator|aide|foreign|prime|deputy|head|security|national|defen[cs]e|state|of|staff|top|senior))`;
const ROLE_WORDS = new RegExp(String.raw`^(?:[’']s)?(?:\s+${TITLE_WORD})*\s+$`, 'u');
/** What may stand between where a name is looked for and the name: "the Kremlin spokesman ", "Foreign Minister ". */
const TITLES_BEFORE = new RegExp(String.raw`^(?:(?:the|a|an)\s+)?(?:${TITLE_WORD}\s+)*$`, 'u');

/** A party directly followed by a role and a person ("Kremlin spokesman Dmitry Peskov") is that person. */
function preferPerson(index: NameIndex, mention: Mention, list: readonly Mention[], at: number): Mention {
  if (mention.kind !== 'party') return mention;
  const next = list[at + 1];
  if (next?.kind === 'person' && ROLE_WORDS.test(index.text.slice(mention.end, next.start))) return next;
  return mention;
}

/** The person a pronoun at `offset` refers to: the last person before it in its sentence, else the subject of an earlier one. */
export function resolvePronoun(index: NameIndex, offset: number, depth = 0): string {
  const s = sentenceAt(index.sentences, offset);
  const sentence = index.sentences[s];
  if (sentence !== undefined) {
    const before = mentionsIn(index, sentence.start, offset).filter((m) => m.kind === 'person');
    const last = before[before.length - 1];
    if (last !== undefined) return fullestName(index, last.name);
  }
  for (let i = s - 1; i >= 0 && i >= s - 4 && depth < 6; i -= 1) {
    const subject = subjectMention(index, i);
    if (subject?.kind === 'person') return fullestName(index, subject.name);
    if (subject?.kind === 'pronoun') return resolvePronoun(index, subject.start, depth + 1);
  }
  return '';
}

/** Sentence openers that are no subject: "However,", "In previous statements,", "On Tuesday,". */
const ADVERBIAL =
  /^(?:(?:However|Meanwhile|Still|Yet|But|And|Also|Moreover|Nevertheless|Earlier|Later|Separately|Instead)\b,?\s*|(?:In|On|At|During|After|Before|Since|Despite|Following|Once|While|When|As|For|With|Without|Under|Amid|Speaking|Reacting|Addressing|Asked|Commenting|Responding)\b[^,]{0,100},\s*)/u;

/** The first mention that is the subject of sentence `s` (before `until`), openers skipped; undefined when none. */
function subjectMention(index: NameIndex, s: number, until?: number, skip?: Span): Mention | undefined {
  const sentence = index.sentences[s];
  if (sentence === undefined) return undefined;
  let start = sentence.start;
  for (let skipped = ADVERBIAL.exec(index.text.slice(start, sentence.end)); skipped;) {
    start += skipped[0].length;
    skipped = ADVERBIAL.exec(index.text.slice(start, sentence.end));
  }
  const list = mentionsIn(index, start, until ?? sentence.end).filter(
    (m) => skip === undefined || m.end <= skip.start || m.start >= skip.end,
  );
  const first = list[0];
  return first === undefined ? undefined : preferPerson(index, first, list, 0);
}

/** A mention's name, resolved: pronouns to their person, surnames to the fullest form. */
function resolve(index: NameIndex, mention: Mention | undefined): string {
  if (mention === undefined) return '';
  if (mention.kind === 'pronoun') return resolvePronoun(index, mention.start);
  return mention.kind === 'person' ? fullestName(index, mention.name) : mention.name;
}

/**
 * The subject of the sentence holding `offset`, resolved ("Dmitry Peskov", "Kyiv"); `according to X`
 * anywhere before `offset` in the sentence wins. `before`: only what stands before `offset` (a
 * quote's own words name no speaker); `skip`: a range whose mentions do not count (the condition
 * itself). '' when the sentence names nobody.
 */
export function subjectAt(index: NameIndex, offset: number, options: { before?: boolean; skip?: Span } = {}): string {
  const s = sentenceAt(index.sentences, offset);
  const sentence = index.sentences[s];
  if (sentence === undefined) return '';
  const according = /\baccording to\s+/giu;
  const before = index.text.slice(sentence.start, offset);
  let last: number | null = null;
  for (const m of before.matchAll(according)) last = sentence.start + m.index + m[0].length;
  if (last !== null) {
    const named = mentionsIn(index, last, sentence.end);
    if (named[0] !== undefined && named[0].start - last <= 4)
      return resolve(index, preferPerson(index, named[0], named, 0));
  }
  return resolve(index, subjectMention(index, s, options.before === true ? offset : undefined, options.skip));
}

/** The name of a mention starting exactly at `offset` (a speaker found by a pattern), resolved. */
export function nameAt(index: NameIndex, offset: number): string {
  const list = index.mentions;
  const at = firstFrom(list, offset);
  const mention = list[at];
  if (mention === undefined) return '';
  const between = index.text.slice(offset, mention.start);
  if (
    mention.start > offset + 2 &&
    !(mention.kind === 'person' && between.length <= 60 && TITLES_BEFORE.test(between))
  ) {
    return '';
  }
  return resolve(index, preferPerson(index, mention, list, at));
}

/**
 * The person a role phrase stands for ("the Kremlin spokesman" → "Dmitry Peskov"): the last
 * person written after that role word before `offset`; '' when none.
 */
export function resolveRole(index: NameIndex, role: string, offset: number): string {
  const word = (role.trim().split(/\s+/u).pop() ?? '').toLowerCase();
  if (word === '') return '';
  let holders = index.roles.get(word);
  if (holders === undefined) {
    holders = [];
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    for (const m of index.text.matchAll(new RegExp(String.raw`\b${escaped}\s+(?=\p{Lu})`, 'giu'))) {
      const name = nameAt(index, m.index + m[0].length);
      if (name !== '') holders.push({ offset: m.index, name });
    }
    index.roles.set(word, holders);
  }
  let best = '';
  for (const h of holders) {
    if (h.offset >= offset) break;
    best = h.name;
  }
  return best;
}
