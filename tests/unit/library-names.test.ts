import { emptyProfile } from '../../src/profile/profile';
import { PARSER_VERSION } from '../../src/store/documents';
import path from 'node:path';
import { matchDocuments, sanitizeFileName, summarizeFacts } from '../../src/documents/library';
import type { Fact } from '../../src/facts/types';
import type { DocumentRow } from '../../src/store/documents';

describe('sanitizeFileName', () => {
  test.each([
    // traversal: no separator survives, no leading dots
    ['../../etc/passwd', 'etc-passwd'],
    ['..\\..\\Windows\\win.ini', 'Windows-win.ini'],
    ['/etc/cron.d/chithi.txt', 'etc-cron.d-chithi.txt'],
    ['a/../../b.txt', 'a-..-..-b.txt'],
    // Vietnamese names stay readable (NFC, spaces kept, extension lower-cased)
    ['báo cáo quý IV.docx', 'báo cáo quý IV.docx'],
    ['Báo cáo tổng kết 2024.DOCX', 'Báo cáo tổng kết 2024.docx'],
    ['ba\u0301o ca\u0301o.txt', 'báo cáo.txt'],
    ['Nghị quyết số 62/NQ-HĐND.pdf', 'Nghị quyết số 62-NQ-HĐND.pdf'],
    ['  nghị  quyết   2025 .md ', 'nghị quyết 2025.md'],
    ['Ảnh chụp công văn.JPEG', 'Ảnh chụp công văn.jpeg'],
    // hidden files, dashes and empty stems
    ['.bashrc.txt', 'bashrc.txt'],
    ['...ẩn.docx', 'ẩn.docx'],
    ['.docx', 'tai-lieu.docx'],
    ['..docx', 'tai-lieu.docx'],
    ['....', 'tai-lieu'],
    ['-rf.txt', 'rf.txt'],
    ['-- .pdf', 'tai-lieu.pdf'],
    // control and reserved characters
    ['báo<cáo>:"quý"?|*.txt', 'báo cáo quý.txt'],
    ['x\u0000y\u001f.txt', 'x y.txt'],
    ['chỉ thị\n số 5.docx', 'chỉ thị số 5.docx'],
    // trailing dots would vanish on Windows shares
    ['tệp...docx', 'tệp.docx'],
    ['không đuôi', 'không đuôi'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  test.each(['../../etc/passwd', '..', '/', '.\\..\\x.docx', '\u0000', 'a/b/c/../../../../root.txt'])(
    '%j cannot leave the folder or hide',
    (input) => {
      const name = sanitizeFileName(input);
      expect(name).not.toMatch(/[/\\\p{Cc}]/u);
      expect(name.startsWith('.')).toBe(false);
      expect(path.join('/srv/data', name).startsWith('/srv/data/')).toBe(true);
    },
  );

  test('long names are cut at a character boundary within 180 UTF-8 bytes, keeping the extension', () => {
    const name = sanitizeFileName(`${'Nghị quyết Đại hội Đảng bộ '.repeat(20)}.docx`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(180);
    expect(name.endsWith('.docx')).toBe(true);
    expect(name.startsWith('Nghị quyết Đại hội Đảng bộ')).toBe(true);
    expect(name).toBe(name.normalize('NFC'));
    expect(name).not.toContain('\ufffd');
  });
});

function doc(id: number, title: string, file: string): DocumentRow {
  return {
    id,
    file,
    title,
    hash: `h${id}`,
    format: path.extname(file).slice(1),
    ocr: false,
    notes: [],
    addedAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    passages: 10,
    profile: emptyProfile(),
    parser: PARSER_VERSION,
  };
}

const LIBRARY = [
  doc(11, 'Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025', 'data/bdbp-ninh-thuan-nghi-quyet-2025.txt'),
  doc(12, 'Báo cáo quý IV năm 2024', 'data/báo cáo quý IV.docx'),
  doc(13, 'Báo cáo tổng kết công tác năm 2024', '/srv/chithi/data/bao-cao-tong-ket.pdf'),
  doc(14, 'Kế hoạch phòng, chống thiên tai', 'data/ke-hoach-pctt.docx'),
];

describe('matchDocuments', () => {
  test.each<[string, number[]]>([
    // numbers as /tailieu shows them
    ['1', [11]],
    ['#3', [13]],
    ['4', [14]],
    ['5', []],
    ['0', []],
    // words of the title, with or without diacritics, any case
    ['nghị quyết', [11]],
    ['nghi quyet 2025', [11]],
    ['báo cáo', [12, 13]],
    ['BAO CAO', [12, 13]],
    ['bao cao quy IV', [12]],
    ['báo cáo tổng kết', [13]],
    ['tong ket', [13]],
    ['phòng chống thiên tai', [14]],
    ['phong, chong', [14]],
    // words of the file name
    ['pctt', [14]],
    ['ninh thuan', [11]],
    ['báo cáo quý IV.docx', [12]],
    // prefixes of words count; other words do not
    ['ke hoach phong', [14]],
    ['quyết định', []],
    ['hội nghị', []],
    ['!!!', []],
    ['', []],
  ])('%j → %j', (query, ids) => {
    expect(matchDocuments(LIBRARY, query).map((d) => d.id)).toEqual(ids);
  });

  test('a title equal to the query wins over longer titles that also match', () => {
    const docs = [
      doc(1, 'Báo cáo năm 2024', 'data/a.txt'),
      doc(2, 'Báo cáo năm 2024 (bổ sung)', 'data/b.txt'),
    ];
    expect(matchDocuments(docs, 'bao cao nam 2024').map((d) => d.id)).toEqual([1]);
    expect(matchDocuments(docs, 'bao cao').map((d) => d.id)).toEqual([1, 2]);
  });
});

describe('summarizeFacts', () => {
  const LANG = {
    honorific: 'đồng chí',
    name: 'Ngô Văn Lãng',
    roles: ['Bí thư Đảng ủy', 'Chính ủy BĐBP tỉnh'],
  };
  const HUNG = { rank: 'Đại tá', name: 'Trần Văn Hùng', roles: ['Chỉ huy trưởng'] };

  test.each<[string, Fact[], Partial<ReturnType<typeof summarizeFacts>>]>([
    [
      'nothing found',
      [],
      { chairs: [], meetings: 0, targets: 0, tasks: 0, deadlines: 0, documentNumbers: [] },
    ],
    [
      'a meeting chaired by one comrade, two targets',
      [
        { kind: 'meeting', eventType: 'hội nghị', chairs: [LANG], attendees: [] },
        { kind: 'target', text: '100% tổ chức đảng hoàn thành nhiệm vụ', values: ['100%'], year: 2025 },
        { kind: 'target', text: 'Giảm 5% số vụ tai nạn giao thông', values: ['5%'], year: 2025 },
      ],
      {
        chairs: ['Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh'],
        meetings: 1,
        targets: 2,
      },
    ],
    [
      'the same chair twice is listed once; co-chairs in order',
      [
        { kind: 'meeting', eventType: 'hội nghị', chairs: [LANG, HUNG], attendees: [] },
        { kind: 'meeting', eventType: 'kỳ họp', chairs: [LANG], attendees: [HUNG] },
      ],
      {
        chairs: [
          'Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh',
          'Đại tá Trần Văn Hùng, Chỉ huy trưởng',
        ],
        meetings: 2,
      },
    ],
    [
      'who spoke at the meeting is no meeting of its own',
      [
        { kind: 'meeting', eventType: 'hội nghị', chairs: [LANG], attendees: [] },
        { kind: 'meeting', eventType: 'hội nghị', chairs: [], attendees: [], speakers: [HUNG] },
      ],
      { meetings: 1 },
    ],
    [
      'a report telling only who spoke still reports a meeting',
      [{ kind: 'meeting', eventType: 'hội nghị', chairs: [], attendees: [], speakers: [HUNG] }],
      { meetings: 1, chairs: [] },
    ],
    [
      'tasks, deadlines and document numbers',
      [
        { kind: 'task', text: 'Tổ chức thành công Đại hội Đảng các cấp', year: 2025 },
        {
          kind: 'deadline',
          text: 'hoàn thành trước ngày 15/12/2025',
          date: { day: 15, month: 12, year: 2025, text: 'trước ngày 15/12/2025' },
          due: true,
        },
        { kind: 'document-number', number: '62/NQ-HĐND', docType: 'Nghị quyết' },
        { kind: 'document-number', number: '62/NQ-HĐND' },
      ],
      { tasks: 1, deadlines: 1, documentNumbers: ['62/NQ-HĐND'], chairs: [] },
    ],
  ])('%s', (_label, facts, expected) => {
    expect(summarizeFacts(facts)).toMatchObject(expected);
  });
});
