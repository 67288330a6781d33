/**
 * The process the crash test kills: the real service on a store, adding, relabelling and
 * deleting annotations in a loop as fast as it can. Before each change it prints the change it
 * is about to make (`intent`), and once the store reports it written to disk, `ack`, one JSON
 * object a line on stdout. Its journal is folded into a new snapshot every 40 changes (or 64 KiB),
 * so kills land before, during and after compactions. Run as: node crash-child.js STORE SEEDS SEED
 */
import { createRandom } from '../../bench/random';
import { ParleyService } from '../../main/service/parley-service';

const [storePath, seedsDir, seedArg] = process.argv.slice(2);
if (!storePath || !seedsDir) throw new Error('usage: crash-child STORE SEEDS SEED');

/** Small, so that the 200 runs fold the journal into a snapshot many times. */
const JOURNAL_LIMIT = { bytes: 64 * 1024, records: 40 };
const random = createRandom(Number(seedArg ?? 1) || 1);
const pick = <T>(list: readonly T[]): T => random.pick(list);
const say = (line: object): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

const service = await ParleyService.create({
  storePath,
  seedDirs: [seedsDir],
  defaultAnnotator: 'crash',
  debounceMs: 0,
  journalLimit: JOURNAL_LIMIT,
});
const session = await service.getSession();
if (session.storeProblem) {
  say({ kind: 'problem', message: session.storeProblem.message });
  process.exit(3);
}
const documents = await service.listDocuments();
const labels = ['quote', 'precondition', 'date'];
say({ kind: 'ready' });
/** One change: its intent, the change, a flush, its acknowledgement; a refused change says so. */
async function step(): Promise<void> {
  const doc = pick(documents);
  const { text, annotations } = await service.getDocument(doc.id);
  const roll = random.next();
  if (roll < 0.6 || annotations.length < 5) {
    const start = Math.floor(random.next() * (text.length - 40));
    const end = start + 1 + Math.floor(random.next() * 30);
    const label = pick(labels);
    say({ kind: 'intent', op: 'add', docId: doc.id, start, end, label });
    const added = await service.addAnnotation({ docId: doc.id, start, end, label });
    await service.flush();
    say({ kind: 'ack', op: 'add', id: added.id, docId: doc.id, start, end, label });
  } else if (roll < 0.85) {
    const target = pick(annotations);
    const label = pick(labels.filter((l) => l !== target.label));
    say({ kind: 'intent', op: 'relabel', id: target.id, label });
    await service.updateAnnotation(target.id, { label });
    await service.flush();
    say({ kind: 'ack', op: 'relabel', id: target.id, label });
  } else {
    const target = pick(annotations);
    say({ kind: 'intent', op: 'delete', id: target.id });
    await service.deleteAnnotation(target.id);
    await service.flush();
    say({ kind: 'ack', op: 'delete', id: target.id });
  }
}

for (;;) {
  try {
    await step();
  } catch (error) {
    say({ kind: 'refused', message: String(error) });
  }
}
