import { figureBlocks, renderFacts, renderFormats, replaceFigures } from '../../src/eval/figures';

describe('README figure blocks', () => {
  const readme = [
    '# t',
    '<!-- figures:facts -->',
    'old table',
    '<!-- /figures:facts -->',
    'text between',
    '<!-- figures:formats -->',
    'old',
    '<!-- /figures:formats -->',
    '',
  ].join('\n');

  it('finds the blocks by name, in order', () => {
    expect(figureBlocks(readme)).toEqual(['facts', 'formats']);
  });

  it('replaces the blocks it has figures for and leaves the others and the text around', () => {
    const out = replaceFigures(readme, { facts: 'new table' });
    expect(out).toBe(readme.replace('old table', 'new table'));
  });

  it('renders the facts table with counts', () => {
    const pr = (matched: number, predicted: number, expected: number) => ({
      matched,
      predicted,
      expected,
      precision: matched / predicted,
      recall: matched / expected,
    });
    expect(
      renderFacts({
        documents: 8,
        chairs: pr(9, 10, 12),
        attendees: pr(3, 3, 4),
        targets: pr(7, 10, 7),
        deadlines: pr(1, 2, 2),
      }),
    ).toBe(
      [
        '| fact | precision | recall |',
        '| --- | --- | --- |',
        '| chairs (chủ trì) | 0.900 (9/10) | 0.750 (9/12) |',
        '| attendees (dự) | 1.000 (3/3) | 0.750 (3/4) |',
        '| targets (chỉ tiêu) | 0.700 (7/10) | 1.000 (7/7) |',
        '| deadlines (thời hạn) | 0.500 (1/2) | 0.500 (1/2) |',
      ].join('\n'),
    );
  });

  it('names the format rows for people and leaves timings out', () => {
    const row = (format: string, documents: number, hit1: number, hit3: number) => ({
      format,
      documents,
      failed: 0,
      passages: 1,
      n: 10,
      hit1,
      hit3,
      documentOnly: 0,
      ingestSeconds: 12.3,
    });
    const table = renderFormats({
      rows: [row('docx', 43, 0.8, 0.9), row('pdf (scanned, OCR), 12 documents', 12, 0.75, 0.875)],
      scanned: { documents: 12, pages: 17 },
    });
    expect(table).toContain('| .docx | 43 | 0.800 | 0.900 |');
    expect(table).toContain('| .pdf scanned (OCR), 12 reports | 12 | 0.750 | 0.875 |');
    expect(table).not.toContain('12.3');
  });
});
