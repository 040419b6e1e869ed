import fs from 'node:fs';
import path from 'node:path';
import { analyzeDocument } from '/work/main/dist/ingest/analyze';
const dir = process.argv[2];
const files = fs.readdirSync(dir).sort();
const texts = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
let p = 0, fa = 0, n = 0, nf = 0;
const t = performance.now();
texts.forEach((text, i) => {
  const r = analyzeDocument(path.join(dir, files[i]!), { segments: [{ text }], ocr: false, notes: [] });
  p += r.parseMs; fa += r.factsMs; n += r.parsed.passages.length; nf += r.facts.length;
});
console.log({ passages: n, facts: nf, parseMs: Math.round(p), factsMs: Math.round(fa), total: Math.round(performance.now() - t) });
