import { extractFacts } from '../src/facts/extract-facts';
const texts = process.argv.slice(2);
const out = extractFacts(texts.map((text, ordinal) => ({ ordinal, text, kind: 'paragraph', section: null })), { title: 'Tin hội nghị', planYears: [] });
console.log(JSON.stringify(out.filter(f => f.fact.kind === 'meeting').map(f => [(f.fact as any).chairs, (f.fact as any).attendees])));
