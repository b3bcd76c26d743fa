// Brings the development corpus (real Gemini errors and calls, with their answers) and the reference
// facts the tests check against into the repository, so that `npm test` reads nothing outside it.
// Usage: node test/corpus/sync.mjs DIR, where DIR holds corpus/ and reference/ (npm run corpus:sync passes it).
// New and changed files are copied; files that are gone from the source are left in place and listed.
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
if (!process.argv[2]) {
  console.error('usage: node test/corpus/sync.mjs DIR (the folder that holds corpus/ and reference/)');
  process.exit(2);
}
const from = path.resolve(repo, process.argv[2]);
const pairs = [
  [path.join(from, 'corpus', 'errors'), path.join(repo, 'test', 'corpus', 'errors')],
  [path.join(from, 'corpus', 'calls'), path.join(repo, 'test', 'corpus', 'calls')],
  [path.join(from, 'reference'), path.join(repo, 'test', 'reference')],
];
if (!existsSync(path.join(from, 'corpus'))) {
  console.error(`corpus:sync: no corpus/ in ${from}; pass the folder that holds corpus/ and reference/`);
  process.exit(1);
}
for (const [source, target] of pairs) {
  let added = 0;
  let changed = 0;
  for (const name of readdirSync(source)) {
    const file = path.join(source, name);
    if (!statSync(file).isFile()) continue;
    const copy = path.join(target, name);
    if (!existsSync(copy)) added++;
    else if (!readFileSync(copy).equals(readFileSync(file))) changed++;
    else continue;
    cpSync(file, copy);
  }
  const gone = existsSync(target) ? readdirSync(target).filter((name) => !existsSync(path.join(source, name))) : [];
  console.log(`${path.relative(repo, target)}: ${added} added, ${changed} changed${gone.length ? `; not in the source: ${gone.join(', ')}` : ''}`);
}
