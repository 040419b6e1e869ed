import { foldText, meetingOrdinals } from './fold';
import { MEETING_WORDS } from './extract-meetings';

export type FactIntentKind =
  'chair' | 'attendee' | 'speaker' | 'target' | 'task' | 'deadline' | 'document-number' | 'signer';

/** What a question asks of the facts, and the words that narrow them. */
export interface FactIntent {
  kind: FactIntentKind;
  /** A year the question names ("chỉ tiêu năm 2025"). */
  year?: number;
  /** The event type the question names, display form ("hội nghị", "kỳ họp"). */
  event?: string;
  /** The meeting's ordinal the question names ("kỳ họp thứ 23", "hội nghị lần thứ 27"). */
  ordinal?: number;
  /** The kind of review meeting the question names, folded: "tong ket" (a year's) or "so ket" (part of one). */
  review?: 'tong ket' | 'so ket';
  /** Remaining content words, folded (no diacritics, lower case): province, unit, meeting words. */
  terms: string[];
}

/** A meeting named in a question, folded: who "điều hành" or "chỉ đạo" one chairs or attends it. */
const MEETING = '(?:hoi nghi|ky hop|dai hoi|phien hop|cuoc hop|hoi thao|toa dam)';

/** Checked in order: a deadline question about a task is a deadline question. */
const RULES: Array<[FactIntentKind, RegExp]> = [
  // A question that names a document and ends asking its number asks the number, whatever the
  // document is about ("nghị quyết về nhiệm vụ năm 2025 của Huyện ủy Hải Hậu số mấy").
  [
    'document-number',
    /\b(?:nghi quyet|chi thi|quyet dinh|ke hoach|van ban|bao cao|thong bao|cong van|huong dan|chuong trinh)\b.*\bso (?:may|bao nhieu|nao|gi)$/,
  ],
  [
    'deadline',
    /\b(?:han chot|thoi han|han cuoi|deadline|han hoan thanh|(?:khi nao|bao gio|luc nao|ngay nao|thoi diem nao) (?:phai|can|thi phai)|(?:phai|can) (?:hoan thanh|xong|nop|bao cao)\b.{0,40}\b(?:khi nao|bao gio|luc nao|ngay nao|truoc ngay nao)|truoc ngay nao|cham nhat (?:la )?(?:khi nao|bao gio|ngay nao))\b/,
  ],
  // Who signed a document ("ai ký", "do ai ký", "người ký là ai"); folded "ky" is also "kỳ", so
  // "kỳ họp", "kỳ niệm"… are not read as signing.
  [
    'signer',
    /\b(?:ai|nguoi nao) (?:da |la nguoi )?ky\b(?! (?:hop|niem|bao|cong tac|thi|han|tri|cuu))|\bnguoi (?:da )?ky\b(?! (?:hop|niem))|\bky boi ai\b|\b(?:ky ten|chu ky) (?:cua )?ai\b/,
  ],
  [
    'chair',
    new RegExp(
      `\\b(?:dong )?chu tri\\b|\\bchu toa\\b|\\bdoan chu tich\\b|\\btruong ban chi dao\\b|\\bdien tap\\b.*\\bai chi dao\\b|\\bai chi dao\\b.*\\bdien tap\\b|\\bai dieu hanh (?:\\S+ )?${MEETING}\\b`,
    ),
  ],
  // Who spoke, reported, presented (before "attendee": "ai dự và phát biểu" asks who spoke).
  [
    'speaker',
    /\bai\b(?: \S+){0,4} (?:phat bieu|trinh bay|bao cao tham luan)\b|\b(?:phat bieu|trinh bay)\b(?: \S+){0,10} (?:la ai|ai)\b/,
  ],
  [
    'attendee',
    /\b(?:ai|nhung ai|nguoi nao|nhung nguoi nao|thanh phan|ai da)\b(?: \S+){0,8} (?:tham |den |ve |cung )?du\b|\b(?:tham |den )?du\b.{0,60}\b(?:la ai|co ai|gom (?:nhung )?ai|nhung ai|ai)\b|\bthanh phan (?:tham )?du\b|\bnao\b(?: \S+){0,5} (?:tham |den |ve |cung )?du\b|\bai (?:co mat|tham gia)\b|\b(?:co mat|tham gia)\b(?: \S+){0,8} (?:la ai|co ai|nhung ai)\b|\bco (?:tham )?du\b(?: \S+){0,12} (?:khong|ko|k|hong|hok)\b|\b(?:khach moi|dai bieu)\b(?: \S+){0,10} (?:la ai|co ai|gom (?:nhung )?ai|nhung ai|la nhung ai)\b|\bai la khach moi\b/,
  ],
  // A guest who "directed" a meeting ("Dự và chỉ đạo hội nghị có đồng chí …"): asked about a meeting
  // named in the question ("lãnh đạo tỉnh nào chỉ đạo Đại hội Đảng bộ phường …"), not a task ("ai chỉ
  // đạo công tác phòng chống thiên tai" names none).
  ['attendee', new RegExp(`\\b(?:ai|nao)\\b(?: \\S+){0,3} (?:du va )?chi dao (?:\\S+ )?${MEETING}\\b`)],
  ['target', /\b(?:chi tieu|muc tieu|phan dau)\b/],
  [
    'task',
    /\b(?:nhiem vu|phuong huong|giai phap|(?:can|phai) lam (?:gi|nhung gi)|viec trong tam|cong viec trong tam)\b/,
  ],
  [
    'document-number',
    /\b(?:so hieu|ky hieu)\b|\b(?:nghi quyet|chi thi|quyet dinh|ke hoach|van ban) so (?:may|bao nhieu|nao|gi)\b/,
  ],
];

const MEETING_INTENTS = new Set<FactIntentKind>(['chair', 'attendee', 'speaker']);
/**
 * Words of who the people are or what they did, folded: titles ("lãnh đạo", "bí thư", "chủ tịch",
 * "giám đốc", "đại diện", "đ/c") and presiding ("chủ tọa", "điều hành").
 */
const PEOPLE_WORDS = new Set('lanh bi thu tich giam doc dien pho truong dc d/c toa dieu hanh'.split(' '));

/** Words of a question about who spoke that describe the speaking. */
const SPEAKING_WORDS = new Set(
  'phat bieu trinh bay bao cao tham luan ket luan be mac khai mac chi dao'.split(' '),
);

/** Question words, intent words and words every report has; what is left narrows the facts. */
const STOP = new Set(
  (
    'ai la gi nao cua co cac nhung nguoi the thi va voi tai trong ve do duoc bi cho den tu nay kia ay day ' +
    'hoi nghi ky hop dai hop thao toa dam phien cuoc le buoi ' +
    'chu tri dong tham du chi tieu muc tieu phan dau nhiem vu phuong huong giai phap han chot thoi han cuoi ' +
    'khi gio luc ngay phai can hoan thanh xong lam trong tam viec cong so hieu ky may nhieu ' +
    'nam thang quy ra sao nhu sau hay cho biet xin vui long a oi voi em anh chi minh toi chung ta ' +
    'hien chinh yeu chu yeu da se dang tinh thanh phan gom deadline van ban nghi quyet chi thi dao ' +
    'khong ko hong hok ten '
  ).split(' '),
);

/**
 * Routes a question to a fact intent, or null when facts do not answer it (the retriever then
 * answers with passages). Works with or without diacritics, NFD or NFC, any case.
 */
export function detectIntent(question: string): FactIntent | null {
  const fold = foldText(question)
    .replace(/[?!.,;:"“”()[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!fold) return null;
  const rule = RULES.find(([, re]) => re.test(fold));
  if (!rule) return null;
  const yearM = /\b(19\d\d|20\d\d)\b/.exec(fold);
  const event = MEETING_WORDS.find(([re]) => re.test(fold))?.[1];
  const ordinal = meetingOrdinals(fold)[0];
  const review = /\b(?:tong|so) ket\b/.exec(fold)?.[0] as FactIntent['review'];
  const terms = fold
    .replace(/\bbao (?:gio|nhieu|lau)\b/g, ' ')
    // "khách mời" (guests), "đại biểu" (delegates) say which of the people too; "mời" alone is no title
    // ("Môi trường" folds alike).
    .replace(/\b(?:khach moi|dai bieu)\b/g, (w) => (MEETING_INTENTS.has(rule[0]) ? ' ' : w))
    .split(' ')
    .filter((w) => w.length > 1 && !STOP.has(w) && !/^\d+$/.test(w))
    // Words of the speaking itself say which people, not which meeting.
    .filter((w) => rule[0] !== 'speaker' || !SPEAKING_WORDS.has(w))
    // A person's title ("bí thư huyện ủy có dự không", "lãnh đạo tỉnh nào dự") says which of the people,
    // not which meeting: the answer names them all.
    .filter((w) => !MEETING_INTENTS.has(rule[0]) || !PEOPLE_WORDS.has(w));
  return {
    kind: rule[0],
    ...(yearM ? { year: Number(yearM[1]) } : {}),
    ...(event ? { event } : {}),
    ...(ordinal !== undefined ? { ordinal } : {}),
    ...(review ? { review } : {}),
    terms: [...new Set(terms)],
  };
}
