import { emptyProfile } from '../../src/profile/profile';
import { decideScope, ScopedDocument } from '../../src/search/scoping';

// Two reports: one about the city of Nha Trang that mentions, in passing, the chairman as "UBND
// thành phố Lê Minh Khoa" and a "huyện Hương"; one about the province of Đà Nẵng.
const docs: ScopedDocument[] = [
  {
    id: 1,
    title: 'Báo cáo KT-XH thành phố Nha Trang năm 2024',
    profile: {
      ...emptyProfile(),
      provinces: ['Khánh Hòa'],
      localities: [{ level: 'thành phố', name: 'Nha Trang' }],
      mentionedLocalities: ['nha trang', 'le minh khoa', 'huong'],
      years: [2024],
    },
  },
  {
    id: 2,
    title: 'Báo cáo tổng kết năm 2024 của UBND thành phố Đà Nẵng',
    profile: { ...emptyProfile(), provinces: ['Đà Nẵng'], years: [2024] },
  },
];

describe('decideScope: districts named in a question', () => {
  it.each<[string, number[] | null]>([
    // The district a document is about, named bare or after its level word, typed any way.
    ['Nha Trang năm 2024 thu ngân sách bao nhiêu?', [1]],
    ['thành phố Nha Trang thu ngân sách bao nhiêu', [1]],
    ['thu ngan sach nha trang nam 2024', [1]],
    ['NHA TRANG thu ngân sách bao nhiêu?', [1]],
    // A person mentioned after "UBND thành phố" is no place: nothing is excluded.
    ['ông Lê Minh Khoa phát biểu gì?', null],
    ['le minh khoa phat bieu gi', null],
    // One syllable is a word ("phương hướng"), not the "huyện Hương" mentioned once.
    ['phuong huong nhiem vu nam 2025', null],
    ['Phương hướng nhiệm vụ năm 2025 là gì?', null],
    // After its level word it is asked about, and no document is about it.
    ['huyện Hương có bao nhiêu xã?', []],
  ])('%j', (question, expected) => {
    const decision = decideScope(question, docs);
    expect(decision.pool === null ? null : [...decision.pool].sort()).toEqual(expected);
  });
});
