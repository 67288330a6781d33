/** Writes each format's golden files from the golden dataset: `npx tsx tests/unit/core/formats/write-golden.ts [format…]`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FORMATS } from '../../../../main/core/formats/index';
import { goldenDataset } from './golden';

const OUT = join(import.meta.dirname, '../../../fixtures/formats');
const wanted: readonly string[] = process.argv.slice(2);
for (const format of Object.values(FORMATS)) {
  if (wanted.length > 0 && !wanted.includes(format.id)) continue;
  const { files } = format.serialize(goldenDataset(), { offsets: 'codepoint' });
  for (const file of files) {
    const name = format.layout.kind === 'file' ? `seed-004${format.layout.extension}` : file.path;
    const path = join(OUT, format.id, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    console.log(path);
  }
}
if (wanted.length === 0 || wanted.includes('conll')) {
  const { files } = FORMATS.conll.serialize(goldenDataset(), { offsets: 'codepoint', singleColumn: true });
  const path = join(OUT, 'conll', 'seed-004.single-column.conll');
  writeFileSync(path, files[0]?.content ?? '');
  console.log(path);
}
