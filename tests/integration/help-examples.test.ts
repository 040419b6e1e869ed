/**
 * The examples /start and /help offer are built from the documents held (src/bot/catalog.ts): each
 * must be answered, from a document of the unit it names, through the real app.
 */
import path from 'node:path';
import type { App } from '../../src/app';
import { askedUnit, exampleQuestions, holdings } from '../../src/bot/catalog';
import { ingestedApp, type TempApp } from '../helpers/temp-app';
import { PROJECT_ROOT, SEED_FILE } from '../helpers/temp-dir';

const REPORTS = [
  'part-a/docs/bdbp-phu-yen-nghi-quyet-2025.txt',
  'part-a/docs/bchqs-thanh-hoa-tong-ket-2024.txt',
  'part-a/docs/bdbp-ba-ria-vung-tau-chi-thi-iuu-2025.txt',
  'part-a/docs/don-bp-hon-gai-quy-3-2024.txt',
].map((f) => path.join(PROJECT_ROOT, 'eval/genre', f));

let temp: TempApp;
let app: App;

beforeAll(async () => {
  temp = await ingestedApp(
    Object.fromEntries([SEED_FILE, ...REPORTS].map((f) => [path.basename(f), { copy: f }])),
  );
  app = temp.app;
});

afterAll(() => temp.close());

test('every example is answered from a document of the unit it names', async () => {
  const docs = app.documents();
  const examples = exampleQuestions(docs);
  expect(examples).toHaveLength(3);
  const units = holdings(docs).units.map((u) => askedUnit(u.unit));
  for (const q of examples) {
    const res = await app.engine.ask(q, { top: 3 });
    expect({ q, found: res.found }).toEqual({ q, found: true });
    const named = units.find((u) => q.includes(u));
    if (named) expect(askedUnit(res.results[0]!.source.unit ?? '')).toBe(named);
    // "… số 142-NQ/ĐU do ai ký?" is answered directly from the document's signing block.
    if (/do ai ký/u.test(q)) expect(res.answer?.kind).toBe('signer');
  }
});
