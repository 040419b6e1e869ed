import { foldDiacritics, hasDiacritics } from '../text/normalize';

/** Longest question accepted, in characters, by the bot and the retriever alike. */
export const MAX_QUESTION_CHARS = 1000;

/** A tag as HTML writes one ("<b>", "</i>", "<br/>", '<span class="x">'): markup, never a question's words. */
const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;
/** The character references text copied from a web page or a formatted message may carry. */
const REFERENCE = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * A question as its words: HTML tags taken out ("<b>chỉ tiêu</b> 2025" asks "chỉ tiêu 2025") and
 * character references written as their characters ("&amp;" → "&"). "<" not opening a tag ("tỷ lệ
 * <5%") is kept. Text without "<" or "&" comes back as it is.
 */
export function plainQuestion(question: string): string {
  if (!question.includes('<') && !question.includes('&')) return question;
  return question
    .replace(TAG, ' ')
    .replace(
      REFERENCE,
      (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
        if (name) return NAMED[name.toLowerCase()]!;
        const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
        const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
        return valid ? String.fromCodePoint(code) : whole;
      },
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** A question's length as people count it: characters of its NFC form (an NFD "ế" is one). */
export function questionLength(question: string): number {
  return [...question.normalize('NFC')].length;
}

/** "khách mời" (guests), with or without its marks, as words of their own in an NFC question. */
const GUESTS = /(?<![\p{L}\p{M}])kh(a|á)ch\s+m(?:o|ờ)i(?![\p{L}\p{M}])/giu;
/** A question asking who: "ai", "những ai", "là ai" as a word. */
const ASKS_WHO = /(?<![\p{L}\p{M}])ai(?![\p{L}\p{M}])/iu;

/** "cần làm gì", "phải làm những gì": asks for tasks, which reports write as "nhiệm vụ". */
const WHAT_TO_DO =
  /(?<![\p{L}\p{M}])(?:cần|phải|can|phai)\s+(l[aà]m)\s+(?:những\s+|nhung\s+)?(?:gì|gi)(?![\p{L}\p{M}])/giu;

/**
 * The words a question's passages are searched by, where people ask otherwise than reports write:
 * "khách mời của đại hội là ai" asks who attended, which reports write "Dự đại hội có đồng chí …",
 * never "khách mời": in a question asking who, "khách mời" is searched as "dự"; "cần làm gì", "phải
 * làm những gì" as "nhiệm vụ gì". Typed without diacritics, without them ("du", "nhiem vu gi").
 * Anything else is returned unchanged.
 */
export function searchedWords(question: string): string {
  const nfc = question.normalize('NFC');
  let out = nfc.replace(WHAT_TO_DO, (_m, l: string) =>
    l.toLowerCase() === 'làm' ? 'nhiệm vụ gì' : 'nhiem vu gi',
  );
  if (ASKS_WHO.test(out))
    out = out.replace(GUESTS, (_m, a: string) => (a.toLowerCase() === 'á' ? 'dự' : 'du'));
  return out === nfc ? question : out;
}

/**
 * A word boundary for the forms below: no letter, mark or digit on either side, nor "/" or "-" (a
 * document number's parts: "306-NQ/ĐU", "03/KH-CAX").
 */
const L = '[\\p{L}\\p{M}\\d/\\-]';

/**
 * Units as people shorten them in a chat, in capitals: "CA" (Công an), "CAT"/"CAH"/"CAX"/"CAP" (its
 * province, district, commune, ward level), "UB" (UBND), "HU"/"ĐU" (Huyện ủy, Đảng ủy), "BCH QS".
 * Lower case they are other words ("cá", "hũ"), and are left alone. "TU" is not read: typed without
 * its horn it is also "TƯ", the Central Committee.
 */
const CHAT_UNITS: ReadonlyArray<[RegExp, string]> = [
  [new RegExp(`(?<!${L})CATP(?!${L})`, 'gu'), 'Công an thành phố'],
  [new RegExp(`(?<!${L})CAT(?!${L})`, 'gu'), 'Công an tỉnh'],
  [new RegExp(`(?<!${L})CAH(?!${L})`, 'gu'), 'Công an huyện'],
  [new RegExp(`(?<!${L})CAX(?!${L})`, 'gu'), 'Công an xã'],
  [new RegExp(`(?<!${L})CAP(?!${L})`, 'gu'), 'Công an phường'],
  [new RegExp(`(?<!${L})CA(?!${L})`, 'gu'), 'Công an'],
  // Not the Fatherland Front's committee ("UB MTTQ") nor the inspection committee ("UB KT").
  [new RegExp(`(?<!${L})UB(?!${L}|\\s+(?:MT|KT|Mặt|mặt|Mat|mat|Kiểm|kiểm|Kiem|kiem))`, 'gu'), 'UBND'],
  [new RegExp(`(?<!${L})HU(?!${L})`, 'gu'), 'Huyện ủy'],
  [new RegExp(`(?<!${L})[ĐD]U(?!${L})`, 'gu'), 'Đảng ủy'],
  [new RegExp(`(?<!${L})BCH\\s+(?:QS|quân sự|quan su)(?!${L})`, 'giu'), 'BCHQS'],
];

/** A department's field as people shorten it after "Sở": "Sở YT", "sở GD&ĐT", "so tnmt". */
const DEPARTMENT_FIELDS: ReadonlyArray<[string, string]> = [
  ['YT', 'Y tế'],
  ['GD\\s*(?:&|-|và|va)?\\s*[ĐD]T|GD', 'Giáo dục và Đào tạo'],
  ['TN\\s*&?\\s*MT', 'Tài nguyên và Môi trường'],
  ['NN\\s*&?\\s*MT', 'Nông nghiệp và Môi trường'],
  ['NN\\s*&?\\s*PTNT', 'Nông nghiệp và Phát triển nông thôn'],
  ['KH\\s*&?\\s*[ĐD]T', 'Kế hoạch và Đầu tư'],
  ['KH\\s*&?\\s*CN', 'Khoa học và Công nghệ'],
  ['L[ĐD]TB\\s*&?\\s*XH', 'Lao động, Thương binh và Xã hội'],
  ['VHTT\\s*&?\\s*DL', 'Văn hóa, Thể thao và Du lịch'],
  ['TT\\s*&?\\s*TT', 'Thông tin và Truyền thông'],
  ['GTVT', 'Giao thông vận tải'],
  ['TC', 'Tài chính'],
  ['XD', 'Xây dựng'],
  ['NV', 'Nội vụ'],
];
const DEPARTMENT = new RegExp(
  `(?<!${L})(sở|so)\\s+(${DEPARTMENT_FIELDS.map(([f]) => `(?:${f})`).join('|')})(?!${L})`,
  'giu',
);

/**
 * A question with the units people shorten in a chat written out, so it is scoped and searched like
 * one that names them ("CA tỉnh Kiên Giang" asks about the police, not whatever Kiên Giang holds):
 * see CHAT_UNITS and DEPARTMENT_FIELDS. Anything else is returned unchanged.
 */
export function chatForms(question: string): string {
  const nfc = question.normalize('NFC');
  // Typed without diacritics, the words are written out without them too.
  const as = (words: string) => (hasDiacritics(nfc) ? words : foldDiacritics(words));
  let out = nfc.replace(DEPARTMENT, (m, so: string, field: string) => {
    const name = DEPARTMENT_FIELDS.find(([f]) => new RegExp(`^(?:${f})$`, 'iu').test(field))?.[1];
    return name ? `${so} ${as(name)}` : m;
  });
  // Shortened units are told by their capitals: a question typed all in capitals has none to tell.
  if (/\p{Ll}/u.test(nfc)) for (const [re, full] of CHAT_UNITS) out = out.replace(re, as(full));
  return out === nfc ? question : out;
}
