/**
 * `npm run parley -- <command>`: Parley's command-line tool, the same service as the app with
 * no Electron. Commands: export, import, agreement, suggest. Errors go to stderr with exit code 1.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  IMPORT_FORMAT_IDS,
  type AgreementReport,
  type AgreementRequest,
  type ExportRequest,
  type FormatId,
  type ImportFormatId,
  type ImportRequest,
  type LabelledFigures,
  type OffsetEncoding,
} from './api/contract';
import { parseArguments } from './api/schemas';
import { createOffsetCodec } from './core/codepoints';
import { RECOGNISER_IDS, suggest, type CoreSuggestion } from './core/suggest';
import { loadFolder, type LoadedDocument } from './service/corpus';
import { ParleyError } from './service/errors';
import { ParleyService } from './service/parley-service';

const HELP = `Usage: npm run parley -- <command> [options]

Commands:
  export  --store S --format F --out P [--annotator A[,B…]] [--labels L[,…]] [--status done]
          [--split TRAIN,DEV,TEST --seed N] [--offsets codepoint|utf16] [--single-column] [--header]
  import  --store S --format F --in P --annotator A [--add-labels] [--skip-invalid]
          [--offsets codepoint|utf16]          (--format parley: no --annotator)
  agreement --store S [--annotators A,B…] [--labels L,…] [--docs D,…] [--json]
          every agreement figure (docs/agreement.md); --json prints them as JSON
  suggest --in DIR [--labels L,…] [--pubdate DOC_ID=YYYY-MM-DD]… [--json]
          the built-in recognisers' suggestions for every .txt/.md file of DIR
          (docs/suggestions.md); no store needed; --json offsets are code points

Options:
  --store S         the store file (or set PARLEY_STORE)
  --seeds DIR       the folder of articles loaded first (default: Parley's seeds)
  --format F        ${IMPORT_FORMAT_IDS.join(', ')} (parley: another store, import only)
  --out P           a file, or a folder for brat and for a split
  --in P            a file, or a folder for brat; suggest: the folder of articles
  --annotator A     export: whose annotations (comma-separated; default the store's user)
                    import: whose annotations the file holds
  --labels L        export or measure only these labels (comma-separated);
                    suggest: ${RECOGNISER_IDS.join(', ')} (default all)
  --pubdate D=DATE  suggest: document D was published on DATE (YYYY-MM-DD); repeatable;
                    default: the date the article states near its top, if any
  --annotators A    agreement: whose sets to compare (default: everyone but gold)
  --docs D          agreement: only these documents (comma-separated ids)
  --json            agreement, suggest: print JSON
  --status done     export only documents marked done
  --split 0.8,0.1,0.1 --seed N   train/dev/test by document, reproducible (spans, conll)
  --offsets U       codepoint (default: Python, spaCy, brat, Label Studio) or utf16
  --single-column   conll: one tag column; dropped overlaps are reported
  --header          conll: a first line naming the columns (# columns: token …)
  --add-labels      import: add labels the store does not have
  --skip-invalid    import: import the valid records and skip the rest (each is reported)
  --help            this text
`;

const OPTIONS = {
  store: { type: 'string' },
  seeds: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  in: { type: 'string' },
  annotator: { type: 'string' },
  annotators: { type: 'string' },
  docs: { type: 'string' },
  json: { type: 'boolean' },
  labels: { type: 'string' },
  pubdate: { type: 'string', multiple: true },
  status: { type: 'string' },
  split: { type: 'string' },
  seed: { type: 'string' },
  offsets: { type: 'string' },
  'single-column': { type: 'boolean' },
  header: { type: 'boolean' },
  'add-labels': { type: 'boolean' },
  'skip-invalid': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const fail = (message: string): never => {
  throw new ParleyError('BAD_REQUEST', message);
};
const list = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
const required = (values: Values, name: 'store' | 'format' | 'out' | 'in' | 'annotator'): string =>
  values[name] ?? fail(`--${name} is required (see --help)`);

function exportRequest(values: Values): ExportRequest {
  const annotators = list(values.annotator);
  const labels = list(values.labels);
  let split: ExportRequest['split'];
  if (values.split !== undefined) {
    const [train, dev, test, ...rest] = (list(values.split) ?? []).map(Number);
    if (train === undefined || dev === undefined || test === undefined || rest.length > 0)
      fail('--split takes three ratios: TRAIN,DEV,TEST');
    split = {
      train: train ?? 0,
      dev: dev ?? 0,
      test: test ?? 0,
      seed: values.seed === undefined ? 0 : Number(values.seed),
    };
  } else if (values.seed !== undefined) fail('--seed goes with --split');
  if (values.status !== undefined && values.status !== 'done') fail('--status takes only done');
  return {
    format: required(values, 'format') as FormatId,
    ...(annotators && { annotators }),
    ...(labels && { labels }),
    ...(values.status === 'done' && { status: 'done' as const }),
    ...(values.offsets !== undefined && { offsets: values.offsets as OffsetEncoding }),
    ...(values['single-column'] && { singleColumn: true }),
    ...(values.header && { header: true }),
    ...(split && { split }),
  };
}

function importRequest(values: Values): ImportRequest {
  const format = required(values, 'format') as ImportFormatId;
  return {
    format,
    ...(format === 'parley'
      ? values.annotator !== undefined && { annotator: values.annotator }
      : { annotator: required(values, 'annotator') }),
    ...(values['add-labels'] && { addLabels: true }),
    ...(values['skip-invalid'] && { skipInvalid: true }),
    ...(values.offsets !== undefined && { offsets: values.offsets as OffsetEncoding }),
  };
}

function agreementRequest(values: Values): AgreementRequest {
  const annotators = list(values.annotators);
  const labels = list(values.labels);
  const docs = list(values.docs);
  return { ...(annotators && { annotators }), ...(labels && { labels }), ...(docs && { docs }) };
}

/** The recognisers asked for with --labels; all by default. */
function suggestLabels(values: Values): string[] {
  const labels = list(values.labels) ?? [...RECOGNISER_IDS];
  for (const label of labels) {
    if (!(RECOGNISER_IDS as readonly string[]).includes(label)) {
      fail(`--labels: no recogniser suggests ${label}; the recognisers are ${RECOGNISER_IDS.join(', ')}`);
    }
  }
  return labels;
}

/** --pubdate DOC_ID=YYYY-MM-DD, repeated, as a map. */
function publicationDates(values: Values): Map<string, string> {
  const dates = new Map<string, string>();
  for (const entry of values.pubdate ?? []) {
    const match = /^(.+)=(\d{4}-\d{2}-\d{2})$/u.exec(entry);
    if (!match) fail(`--pubdate ${entry} must be DOC_ID=YYYY-MM-DD`);
    dates.set(match?.[1] ?? '', match?.[2] ?? '');
  }
  return dates;
}

/** One document's suggestions with offsets in code points, as the spans format writes them. */
function codePointSpans(text: string, suggestions: readonly CoreSuggestion[]): object[] {
  const codec = createOffsetCodec(text, 'codepoint');
  return suggestions.map((s) => ({
    start: codec.toExternal(s.start),
    end: codec.toExternal(s.end),
    label: s.label,
    text: s.text,
    attributes: s.attributes,
  }));
}

/** A short list for people: one line per suggestion (offsets in code points), its attributes after the text. */
function suggestionText(docId: string, source: string, suggestions: readonly CoreSuggestion[]): string {
  const codec = createOffsetCodec(source, 'codepoint');
  let text = `${docId}: ${suggestions.length} suggestion(s)\n`;
  for (const s of suggestions) {
    const shown = s.text.replace(/\s+/gu, ' ');
    const clipped = shown.length > 70 ? `${shown.slice(0, 50)} … ${shown.slice(-15)}` : shown;
    const attributes = Object.entries(s.attributes)
      .map(([k, v]) => `${k}=${v === '' ? '?' : v}`)
      .join(' ');
    const where = `${codec.toExternal(s.start)}-${codec.toExternal(s.end)}`;
    text += `  ${s.label.padEnd(13)}${where.padEnd(12)}“${clipped}” ${attributes}\n`;
  }
  return text;
}

/** `suggest`: runs the recognisers over every article of a folder; unreadable files are reported, not fatal. */
async function runSuggest(values: Values, out: (s: string) => void): Promise<number> {
  const folder = values.in ?? fail('--in is required (see --help)');
  const labels = suggestLabels(values);
  const dates = publicationDates(values);
  let documents: LoadedDocument[];
  try {
    documents = await loadFolder(resolve(folder));
  } catch (error) {
    return fail(`cannot read the folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const unknown = [...dates.keys()].filter((id) => !documents.some((d) => d.id === id));
  if (unknown.length > 0) fail(`--pubdate names ${unknown.join(', ')}, which ${folder} does not hold`);
  const entries: object[] = [];
  let text = '';
  for (const doc of documents) {
    if (doc.text === undefined) {
      entries.push({ doc_id: doc.id, error: doc.error ?? 'cannot be read' });
      text += `${doc.id}: ${doc.error ?? 'cannot be read'}\n`;
      continue;
    }
    const publishedAt = dates.get(doc.id);
    const suggestions = suggest(doc.text, { labels, ...(publishedAt !== undefined && { publishedAt }) });
    entries.push({ doc_id: doc.id, spans: codePointSpans(doc.text, suggestions) });
    text += suggestionText(doc.id, doc.text, suggestions);
  }
  out(values.json ? `${JSON.stringify(entries, null, 2)}\n` : text);
  return 0;
}

const figure = (value: number | null): string => (value === null ? '—' : value.toFixed(3));

/** The report as a short table for people; --json gives every figure. */
function agreementText(report: AgreementReport): string {
  const row = (name: string, f: LabelledFigures): string =>
    `${name.padEnd(28)}${[f.all, ...report.labels.map((l) => f.perLabel[l] ?? null)].map((v) => figure(v).padStart(14)).join('')}\n`;
  const header = `${''.padEnd(28)}${['all', ...report.labels].map((l) => l.padStart(14)).join('')}\n`;
  let text = `${report.annotators.join(', ')}: ${report.documents} document(s), ${report.tokens} token(s)\n\n${header}`;
  for (const p of report.pairwise) {
    text += row(`Cohen's kappa ${p.a}/${p.b}`, p.cohenKappa);
    text += `${`exact F1 ${p.a}/${p.b}`.padEnd(28)}${figure(p.spanExact.micro.f1).padStart(14)}\n`;
    text += `${`relaxed F1 ${p.a}/${p.b}`.padEnd(28)}${figure(p.spanRelaxed.micro.f1).padStart(14)}\n`;
  }
  text += row("Fleiss' kappa", report.group.fleissKappa);
  text += row("Krippendorff's alpha", report.group.krippendorffAlpha);
  text += row('unitized alpha', report.group.unitizedAlpha);
  return text;
}

/** Validates a request with the same schema the app's IPC uses. */
function checked<T>(method: 'exportDataset' | 'importDataset' | 'getAgreement', request: T): T {
  const result = parseArguments(method, [request]);
  return result.ok ? request : fail(result.message.replace(/^\w+: request\.?/, ''));
}

/** Runs the tool; returns the exit code. Output and errors go to the given streams. */
export async function main(
  argv: readonly string[],
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    err(`parley: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || command === undefined) {
    (command === undefined && !values.help ? err : out)(HELP);
    return values.help ? 0 : 1;
  }
  let service: ParleyService | undefined;
  try {
    if (command === 'suggest') return await runSuggest(values, out);
    if (command !== 'export' && command !== 'import' && command !== 'agreement')
      fail(`unknown command ${command}; the commands are export, import, agreement and suggest`);
    const request =
      command === 'export'
        ? checked('exportDataset', exportRequest(values))
        : command === 'import'
          ? checked('importDataset', importRequest(values))
          : checked('getAgreement', agreementRequest(values));
    const storePath = values.store ?? process.env.PARLEY_STORE ?? fail('--store is required (see --help)');
    service = await ParleyService.create({
      storePath: resolve(storePath),
      seedDirs: [resolve(values.seeds ?? resolve(import.meta.dirname, '../seeds'))],
      defaultAnnotator: 'analyst',
      // Only import writes; export and agreement read, so they run beside the open app.
      access: command === 'import' ? { lockedBy: 'parley import (command line)' } : { readOnly: true },
    });
    const problem = (await service.getSession()).storeProblem;
    if (problem) fail(problem.message);
    if (command === 'agreement') {
      const report = await service.getAgreement(request as AgreementRequest);
      out(values.json ? `${JSON.stringify(report, null, 2)}\n` : agreementText(report));
      return 0;
    }
    if (command === 'export') {
      const summary = await service.exportTo(required(values, 'out'), request as ExportRequest);
      out(`Exported ${summary.spans} span(s) in ${summary.documents} document(s) to ${summary.destination}\n`);
      for (const d of summary.dropped) err(`dropped: ${d.docId}: ${d.label} “${d.text}”: ${d.reason}\n`);
      return 0;
    }
    const report = await service.importFrom(required(values, 'in'), request as ImportRequest);
    for (const note of report.notes ?? []) out(`${note}\n`);
    for (const p of report.problems)
      err(
        `${p.file}${p.line === undefined ? '' : `:${p.line}`}${p.docId === undefined ? '' : ` (${p.docId})`}: ${p.message}\n`,
      );
    if (!report.applied) {
      err(
        report.problems.length > 0
          ? `Nothing was imported: ${report.problems.length} problem(s). Fix them, or pass --skip-invalid to import the rest.\n`
          : 'Nothing to import.\n',
      );
      return 1;
    }
    out(
      `Imported ${report.spans} span(s) in ${report.documents} document(s)${report.skipped > 0 ? `, skipped ${report.skipped}` : ''}; backup: ${report.backup ?? 'none'}\n`,
    );
    return 0;
  } catch (error) {
    err(`parley: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await service?.close();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = await main(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  );
}
