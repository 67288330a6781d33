/**
 * `conll`: IOB2 tags in tab-separated columns, one token a line, a blank line after each sentence
 * and `-DOCSTART- <doc_id>` before each document, as CoNLL-2003 readers (conlleval, `spacy
 * convert`, flair, Hugging Face `conll2003`) expect them; a `# columns:` line only when asked for.
 * Tokens and sentences come from ../tokens.ts; a sentence is never cut inside a span.
 * CoNLL holds no text and no offsets: import places the tokens on the texts Parley has (or
 * rebuilds a text from them). Span ids, attributes, notes, annotator and status are not carried.
 */
import { countBelow } from '../sorted';
import type { Span } from '../span';
import { forEachToken, sentences } from '../tokens';
import type {
  DatasetDocument,
  DatasetSpan,
  DroppedSpan,
  Format,
  ParseResult,
  Problem,
  RawDocument,
  RawSpan,
} from './dataset';
import { MAX_LINE_LENGTH } from './jsonl';
import { finishDocument } from './validate';

const DOCSTART = '-DOCSTART-';
const HEADER = '# columns: ';
/** The name of the one tag column of a single-column export. */
const SINGLE_COLUMN = 'tag';

/** A span placed on whole tokens: `first` and `last` index the document's tokens, inclusive. */
interface Placed {
  span: DatasetSpan;
  first: number;
  last: number;
}

/**
 * The tokens of one text, sentence by sentence, and the text's lines as written with every tag
 * `O`. Several annotators' sets of a document share it, and most of their lines are all `O`: each
 * set's output is slices of `untagged` around the lines it tags.
 */
interface TokenizedText {
  /** Token offsets in order (UTF-16, `end` exclusive). */
  starts: number[];
  ends: number[];
  /** The token lines, a blank line after each sentence, all tags `O`. */
  untagged: string;
  /** Where each token's line begins in `untagged`. */
  lineStarts: number[];
}

/** A text for a message: quoted, and cut short when long. */
const quote = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);

/**
 * The tokens of a text, sentence by sentence (sentences without a token left out), with their
 * lines as written when every tag is `O`: the token, then `untaggedEnd` (its tabs, `O`s and line break).
 */
function tokenizeText(text: string, untaggedEnd: string, textSentences: readonly Span[]): TokenizedText {
  const starts: number[] = [];
  const ends: number[] = [];
  const lineStarts: number[] = [];
  const pieces: string[] = [];
  let offset = 0;
  let words: string[] = [];
  const addToken = (start: number, end: number) => {
    starts.push(start);
    ends.push(end);
    lineStarts.push(offset);
    words.push(text.slice(start, end));
    offset += end - start + untaggedEnd.length;
  };
  for (const sentence of textSentences) {
    forEachToken(text, sentence.start, sentence.end, addToken);
    if (words.length > 0) {
      pieces.push(words.join(untaggedEnd), untaggedEnd, '\n');
      offset += 1;
      words = [];
    }
  }
  return { starts, ends, untagged: pieces.join(''), lineStarts };
}

/**
 * A text's sentences (`found`, in order) joined where a span of `spans` crosses from one into a
 * later one, so that no span's tokens start a sentence with `I-` (invalid IOB2); `crossing`
 * holds the spans that made a join.
 */
export function sentencesForSpans(
  found: readonly Span[],
  spans: readonly Span[],
): { sentences: readonly Span[]; crossing: Set<Span> } {
  const crossing = new Set<Span>();
  if (found.length < 2) return { sentences: found, crossing };
  const starts = found.map((sentence) => sentence.start);
  const ends = found.map((sentence) => sentence.end);
  // joinsNext[k]: sentence k and k + 1 are written as one.
  const joinsNext = new Uint8Array(found.length);
  for (const span of spans) {
    if (span.end <= span.start) continue;
    // The sentence holding the span's first character, and the last one starting before its end.
    const first = countBelow(ends, span.start, true);
    const last = countBelow(starts, span.end) - 1;
    if (last <= first) continue;
    crossing.add(span);
    for (let k = first; k < last; k += 1) joinsNext[k] = 1;
  }
  if (crossing.size === 0) return { sentences: found, crossing };
  const joined: Span[] = [];
  for (let k = 0; k < found.length; k += 1) {
    const sentence = found[k];
    if (!sentence) continue;
    const previous = joined.at(-1);
    if (previous && joinsNext[k - 1] === 1) previous.end = sentence.end;
    else joined.push({ ...sentence });
  }
  return { sentences: joined, crossing };
}

/** The whole tokens a span covers, as an index range into sorted tokens, or null for none. */
function coveredTokens(tokens: TokenizedText, span: DatasetSpan): { first: number; last: number } | null {
  const { starts, ends } = tokens;
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((starts[mid] ?? 0) < span.start) low = mid + 1;
    else high = mid;
  }
  let last = low - 1;
  while (last + 1 < ends.length && (ends[last + 1] ?? Infinity) <= span.end) last += 1;
  return last >= low ? { first: low, last } : null;
}

/** The `B-` and `I-` tags of a label, made once for the whole export. */
type TagsOf = (label: string) => { begin: string; inside: string };

/**
 * Tags of the tagged tokens of a document, one per column (`O` where a column has none; undefined
 * for a token with no tag at all), and the spans that could not be tagged. Within a column, longer
 * spans (more tokens) are kept first, then earlier ones.
 */
function tagDocument(
  doc: DatasetDocument,
  tokens: TokenizedText,
  columns: readonly string[],
  singleColumn: boolean,
  tagsOf: TagsOf,
): { tags: (string[] | undefined)[]; dropped: DroppedSpan[] } {
  const dropped: DroppedSpan[] = [];
  const drop = (span: DatasetSpan, reason: string, isWrittenChanged = false) =>
    dropped.push({ docId: doc.docId, span, reason, ...(isWrittenChanged && { isWrittenChanged }) });
  const byColumn = new Map<string, Placed[]>();
  for (const span of doc.spans) {
    if (/\s/u.test(span.label)) {
      drop(span, `its label ${quote(span.label)} contains white space, which separates CoNLL columns`);
      continue;
    }
    const covered = coveredTokens(tokens, span);
    if (covered === null) {
      drop(span, `it covers no whole token (${quote(span.text)}); CoNLL tags whole tokens only`);
      continue;
    }
    const written = { start: tokens.starts[covered.first] ?? span.start, end: tokens.ends[covered.last] ?? span.end };
    if (written.start !== span.start || written.end !== span.end) {
      // Still written, over the whole tokens it covers; the summary must say it changed.
      const shortened = doc.text.slice(written.start, written.end);
      drop(span, `it cuts a word, so it is written as the whole tokens it covers: ${quote(shortened)}`, true);
    }
    const key = singleColumn ? SINGLE_COLUMN : span.label;
    const column = byColumn.get(key) ?? [];
    column.push({ span, ...covered });
    byColumn.set(key, column);
  }
  // Rows only for tokens some span tags: most tokens of a document have none.
  const tags = new Array<string[] | undefined>(tokens.starts.length);
  columns.forEach((column, c) => {
    const candidates = (byColumn.get(column) ?? []).sort(
      (a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first,
    );
    const owners = new Array<Placed | undefined>(tokens.starts.length);
    for (const placed of candidates) {
      let owner: Placed | undefined;
      for (let t = placed.first; t <= placed.last && owner === undefined; t += 1) owner = owners[t];
      if (owner !== undefined) {
        const where = singleColumn ? 'the single tag column' : `the ${column} column`;
        drop(
          placed.span,
          `it overlaps the ${owner.span.label} span ${quote(owner.span.text)}, kept before it (longer spans first), ` +
            `and ${where} tags each token once`,
        );
        continue;
      }
      const { begin, inside } = tagsOf(placed.span.label);
      for (let t = placed.first; t <= placed.last; t += 1) {
        owners[t] = placed;
        const row = (tags[t] ??= columns.map(() => 'O'));
        row[c] = t === placed.first ? begin : inside;
      }
    }
  });
  return { tags, dropped };
}

/**
 * The lines of one document: `tokens.untagged`, with the line of each tagged token written anew.
 * Joined per document, so that the pieces die young instead of living on until the whole file is.
 */
function documentLines(
  text: string,
  tokens: TokenizedText,
  tags: readonly (string[] | undefined)[],
  untaggedEndLength: number,
): string {
  const { starts, ends, untagged, lineStarts } = tokens;
  const parts: string[] = [];
  let written = 0;
  tags.forEach((row, t) => {
    if (row === undefined) return;
    const lineStart = lineStarts[t] ?? 0;
    const start = starts[t] ?? 0;
    const end = ends[t] ?? 0;
    if (lineStart > written) parts.push(untagged.slice(written, lineStart));
    parts.push(`${text.slice(start, end)}\t${row.join('\t')}\n`);
    written = lineStart + (end - start) + untaggedEndLength;
  });
  if (written === 0) return untagged;
  if (written < untagged.length) parts.push(untagged.slice(written));
  return parts.join('');
}

/** One token line as read: its text, line and tags (null when the line was malformed). */
interface ReadToken {
  text: string;
  line: number;
  tags: string[] | null;
}

interface ReadDocument {
  docId: string;
  line: number;
  sentences: ReadToken[][];
}

/** The documents of a CoNLL file, with the problems of its lines. */
function readConll(file: string, content: string): { documents: ReadDocument[]; problems: Problem[] } {
  const documents: ReadDocument[] = [];
  const problems: Problem[] = [];
  let columns: number | undefined;
  let current: ReadDocument | null = null;
  let skipping = false;
  let sentence: ReadToken[] = [];
  const endSentence = () => {
    if (current && sentence.length > 0) current.sentences.push(sentence);
    sentence = [];
  };
  content.split(/\r\n|\r|\n/).forEach((text, index) => {
    const line = index + 1;
    if (text.length > MAX_LINE_LENGTH) {
      problems.push({
        file,
        line,
        message: `the line is ${text.length} characters long; the limit is ${MAX_LINE_LENGTH}`,
      });
      if (!skipping) sentence.push({ text: '', line, tags: null });
      return;
    }
    if (text.trim() === '') return endSentence();
    if (text.startsWith(HEADER)) {
      columns ??= text.slice(HEADER.length).trim().split(/\s+/).length;
      return;
    }
    if (text.startsWith('# ')) return;
    if (text.startsWith(DOCSTART)) {
      endSentence();
      const docId = text.slice(DOCSTART.length).replace(/^ /, '').split('\t')[0] ?? '';
      skipping = docId === '';
      if (skipping) problems.push({ file, line, message: `${DOCSTART} has no document id; its tokens were skipped` });
      current = skipping ? null : { docId, line, sentences: [] };
      if (current) documents.push(current);
      return;
    }
    if (skipping) return;
    if (!current) {
      // Tokens before any -DOCSTART- line belong to a document named after the file.
      current = { docId: file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, ''), line, sentences: [] };
      documents.push(current);
    }
    const fields = text.includes('\t') ? text.split('\t') : text.split(' ');
    columns ??= fields.length;
    const token = fields[0] ?? '';
    if (fields.length !== columns || token === '') {
      problems.push({
        file,
        line,
        docId: current.docId,
        message:
          token === ''
            ? 'the token column is empty'
            : `expected ${columns} columns (the token and ${columns - 1} tag(s)), found ${fields.length}`,
      });
      sentence.push({ text: token, line, tags: null });
      return;
    }
    const tags = fields.slice(1).map((tag, c) => {
      if (tag === 'O' || (/^[BI]-/.test(tag) && tag.length > 2)) return tag;
      problems.push({
        file,
        line,
        docId: current?.docId ?? '',
        message: `tag ${quote(tag)} in column ${c + 2} is not O, B-<label> or I-<label>`,
      });
      return null;
    });
    sentence.push({ text: token, line, tags: tags.every((t) => t !== null) ? tags : null });
  });
  endSentence();
  return { documents, problems };
}

/**
 * Places tokens on a known text in order, skipping only white space between them. Offsets are
 * UTF-16; tokens after a mismatch stay unplaced (null), and the mismatch is the problem.
 */
function alignTokens(
  text: string,
  tokens: readonly ReadToken[],
  docId: string,
): { offsets: ({ start: number; end: number } | null)[]; problem?: { line?: number; message: string } } {
  const offsets: ({ start: number; end: number } | null)[] = [];
  const space = /\s*/uy;
  let pos = 0;
  const skipSpace = () => {
    space.lastIndex = pos;
    space.test(text);
    pos = space.lastIndex;
  };
  for (const token of tokens) {
    skipSpace();
    if (token.text === '') {
      const message = `line ${token.line} could not be read, so the tokens from there on cannot be placed on ${docId}`;
      return { offsets, problem: { line: token.line, message } };
    }
    if (!text.startsWith(token.text, pos)) {
      const found = pos >= text.length ? 'the text has ended' : `the text has ${quote(text.slice(pos, pos + 30))}`;
      return {
        offsets,
        problem: {
          line: token.line,
          message: `token ${quote(token.text)} does not match the text of ${docId}: ${found}`,
        },
      };
    }
    offsets.push({ start: pos, end: pos + token.text.length });
    pos += token.text.length;
  }
  skipSpace();
  if (pos < text.length) {
    return {
      offsets,
      problem: { message: `the tokens end before the text of ${docId} does (${quote(text.slice(pos))})` },
    };
  }
  return { offsets };
}

/** A text rebuilt from tokens: single spaces within a sentence, a line break between sentences. */
function rebuildText(sentences: readonly ReadToken[][]): { text: string; offsets: { start: number; end: number }[] } {
  const offsets: { start: number; end: number }[] = [];
  let text = '';
  sentences.forEach((sentence, s) => {
    sentence.forEach((token, t) => {
      if (t > 0) text += ' ';
      else if (s > 0) text += '\n';
      offsets.push({ start: text.length, end: text.length + token.text.length });
      text += token.text;
    });
  });
  return { text, offsets };
}

/**
 * Spans from IOB2 runs, column by column. An I- tag continues a run of its label, across a
 * sentence break too; an I- tag with no run to continue starts one. A run that touches a
 * malformed or unplaced token is refused.
 */
function spansFromTags(
  tokens: readonly ReadToken[],
  offsets: readonly ({ start: number; end: number } | null)[],
): { spans: RawSpan[]; refused: number } {
  const spans: RawSpan[] = [];
  let refused = 0;
  const columns = tokens.reduce((most, t) => Math.max(most, t.tags?.length ?? 0), 0);
  for (let c = 0; c < columns; c += 1) {
    // label null: a malformed line's tag, which continues whatever run follows it.
    let open: { label: string | null; first: number; last: number; isRefused: boolean } | null = null;
    const close = () => {
      if (open !== null && open.label !== null) {
        const start = offsets[open.first];
        const end = offsets[open.last];
        if (open.isRefused || !start || !end) refused += 1;
        else spans.push({ start: start.start, end: end.end, label: open.label, line: tokens[open.first]?.line ?? 0 });
      }
      open = null;
    };
    tokens.forEach((token, t) => {
      const tag = token.tags === null ? null : (token.tags[c] ?? 'O');
      if (tag === null) {
        if (open) open.isRefused = true;
        else open = { label: null, first: t, last: t, isRefused: true };
        return;
      }
      const label = tag.slice(2);
      if (tag.startsWith('I-') && open && (open.label === null || open.label === label)) {
        open.label = label;
        open.last = t;
        return;
      }
      close();
      if (tag !== 'O') open = { label, first: t, last: t, isRefused: false };
    });
    close();
  }
  return { spans, refused };
}

/**
 * CoNLL IOB2. Serialize: one tag column per label (or one in all with `singleColumn`); spans that
 * cover no whole token, or that a column cannot hold beside a longer one, come back in `dropped`.
 * Parse: tokens are placed on `knownTexts`, else a text is rebuilt; offsets come back in UTF-16.
 */
export const conllFormat: Format = {
  id: 'conll',
  description: 'CoNLL IOB2 columns, one token a line (NER training, seqeval)',
  layout: { kind: 'file', extension: '.conll' },

  serialize: (dataset, options) => {
    const singleColumn = options.singleColumn === true;
    const labels = [
      ...new Set([
        ...dataset.labels.map((l) => l.id),
        ...dataset.documents.flatMap((d) => d.spans.map((s) => s.label)),
      ]),
    ];
    const columns = singleColumn ? [SINGLE_COLUMN] : labels.filter((label) => !/\s/u.test(label));
    const dropped: DroppedSpan[] = [];
    const parts: string[] = options.header === true ? [`${HEADER}${['token', ...columns].join(' ')}\n`] : [];
    // What ends a token line when every tag is O (just the line break when there are no columns).
    const untaggedEnd = `${columns.map(() => '\tO').join('')}\n`;
    const tags = new Map<string, { begin: string; inside: string }>();
    const tagsOf: TagsOf = (label) => {
      let both = tags.get(label);
      if (!both) {
        both = { begin: `B-${label}`, inside: `I-${label}` };
        tags.set(label, both);
      }
      return both;
    };
    // Several annotators' sets of one document share its text: tokenize it once. A set with a
    // span across a sentence end has those sentences joined, in its own lines only.
    const tokenized = new Map<string, { found: Span[]; tokens: TokenizedText }>();
    for (const doc of dataset.documents) {
      let prepared = tokenized.get(doc.text);
      if (!prepared) {
        const found = sentences(doc.text);
        prepared = { found, tokens: tokenizeText(doc.text, untaggedEnd, found) };
        tokenized.set(doc.text, prepared);
      }
      const written = sentencesForSpans(prepared.found, doc.spans);
      const crossing = written.crossing;
      const tokens = crossing.size === 0 ? prepared.tokens : tokenizeText(doc.text, untaggedEnd, written.sentences);
      const tagged = tagDocument(doc, tokens, columns, singleColumn, tagsOf);
      dropped.push(...tagged.dropped);
      const notWritten = new Set(tagged.dropped.filter((d) => d.isWrittenChanged !== true).map((d) => d.span));
      for (const span of doc.spans) {
        if (!crossing.has(span) || notWritten.has(span)) continue;
        dropped.push({
          docId: doc.docId,
          span,
          reason: `it crosses a sentence end (${quote(span.text)}), so the sentences it spans are written as one`,
          isWrittenChanged: true,
        });
      }
      parts.push(`${DOCSTART} ${doc.docId}\n\n`, documentLines(doc.text, tokens, tagged.tags, untaggedEnd.length));
    }
    return { files: [{ path: 'dataset.conll', content: parts.join('') }], dropped };
  },

  parse: (files, options) => {
    const result: ParseResult = { documents: [], labels: [], problems: [], refusedSpans: 0 };
    const seenIds = new Set<string>();
    for (const { path, content } of files) {
      const read = readConll(path, content);
      result.problems.push(...read.problems);
      for (const doc of read.documents) {
        const tokens = doc.sentences.flat();
        const known = options.knownTexts?.get(doc.docId);
        let text: string;
        let offsets: ({ start: number; end: number } | null)[];
        if (known === undefined) {
          ({ text, offsets } = rebuildText(doc.sentences));
        } else {
          const aligned = alignTokens(known, tokens, doc.docId);
          text = known;
          offsets = aligned.offsets;
          if (aligned.problem) {
            result.problems.push({
              file: path,
              docId: doc.docId,
              line: aligned.problem.line ?? doc.line,
              message: aligned.problem.message,
            });
          }
        }
        const { spans, refused } = spansFromTags(tokens, offsets);
        const raw: RawDocument = { file: path, line: doc.line, docId: doc.docId, text, spans };
        const finished = finishDocument(raw, 'utf16', seenIds);
        result.documents.push(finished.document);
        result.problems.push(...finished.problems);
        result.refusedSpans += finished.refused + refused;
      }
    }
    return result;
  },
};
