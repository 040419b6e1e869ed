import { foldText, prepareText } from './fold';
import { matchesOf } from '../text/matches';

/**
 * What kind of statement a sentence is (issue 13): what was done (result), what is aimed at
 * (target), what someone must do (task), by when (deadline), a meeting held (event), or a heading.
 * A digest reminds of tasks and deadlines only; results and events name dates too ("Trong quý III,
 * … đã hoàn thành", "Chiều 9/12/2025, HĐND tỉnh … làm việc"), and are not reminders.
 */
export type StatementKind = 'result' | 'target' | 'task' | 'deadline' | 'event' | 'heading' | 'other';

/** A time limit: "trước ngày", "chậm nhất", "hạn chót", "hoàn thành trong quý I/2025", "báo cáo … trước". */
const DEADLINE =
  /\b(?:truoc ngay|cham nhat|han chot|thoi han|han cuoi|xong truoc|ket thuc truoc|hoan thanh (?:truoc|trong)|hoan thanh [^.;]{0,60}\b(?:truoc|trong (?:quy|thang|nam))|bao cao [^.;]{0,80}\btruoc)\b/;
/** What was done: "đã", "đạt được", "ước đạt", "so với cùng kỳ", "kết quả". */
const RESULT =
  /\b(?:da (?!duoc giao)|dat duoc|uoc dat|uoc tinh|(?<!bao cao )ket qua|bat giu \d|triet pha \d|xay ra \d)\b/;
/** A figure: a number that is not a date or a year. */
const FIGURE = /(?<![\d/])\d+(?:[.,]\d+)*(?![\d/])/g;
/** A meeting told as news: held, opened, discussed, presented. */
const EVENT =
  /\b(?:to chuc hoi nghi|to chuc ky hop|khai mac|be mac|dien ra|tai (?:phien hop|hoi nghi|ky hop)|(?:cac )?dai bieu (?:da )?(?:tap trung )?thao luan|trinh bay (?:bao cao|to trinh)|phat bieu (?:chi dao|ket luan|tai)|tiep tuc lam viec|hop phien|chu tri hoi nghi|du va chi dao)\b/;
/** Sentences that open with a time of day and a date ("Sáng 14/12/2024, …") report what happened. */
const NEWS_DATE =
  /^(?:sang|chieu|toi|trua|ngay|hom nay|trong (?:2|hai|ba|\d) ngay)\b[^.]{0,25}?\d{1,2}\/\d{1,2}/;
/** Words that aim at something. */
const TARGET = /\b(?:phan dau|chi tieu|muc tieu|tro len|it nhat|toi thieu|khong duoi|khong thap hon)\b/;
/** Words that ask for something to be done. */
const TASK =
  /\b(?:nhiem vu|yeu cau|giao (?!duc|thong|luu|dich|quan)|de nghi|tap trung|chi dao|chu tri|phoi hop|trien khai|tang cuong|day manh|khan truong|to chuc thuc hien|chiu trach nhiem|co trach nhiem|can|phai|tiep tuc)\b/;

/** True when the words say something was done ("đã", "đạt được", "bắt giữ 45 vụ"), whatever else. */
export function reportsDone(sentence: string): boolean {
  // foldText normalizes to NFC itself.
  return DONE.test(foldText(sentence));
}

/** Words of doing, not of comparing: "so với năm 2024" is a target's baseline as often as a result's. */
const DONE = /\b(?:da (?!duoc giao)|dat duoc|uoc dat|uoc tinh|bat giu \d|triet pha \d|xay ra \d)\b/;

/**
 * The kind of one sentence. `reviewedOnly`: years its document only reviews; a sentence about one of
 * them reports a result whatever its words ("Năm 2024, … hoàn thành trước ngày 15/12").
 */
export function statementKind(
  sentence: string,
  options: { reviewedOnly?: readonly number[] } = {},
): StatementKind {
  const text = sentence.normalize('NFC').trim();
  const f = foldText(text);
  if (!f) return 'other';
  const marker = /^(?:[-–•+*]|\(?\d{1,2}[.)]|[a-zđ][.)])\s/u.test(text);
  // The words are counted last: most sentences end with a stop or have a figure.
  if (/:\s*$/.test(text) || (!marker && !/[.;!?]$/.test(text) && !/\d/.test(f) && f.split(/\s+/).length <= 8))
    return 'heading';
  const reviewedOnly = options.reviewedOnly ?? [];
  // No year is among no reviewed years: without any (extractFacts passes none), the sentence's years
  // need not be read.
  const aboutReviewed = reviewedOnly.length > 0 && aboutYears(f, reviewedOnly);
  if (NEWS_DATE.test(f) || EVENT.test(f)) return DEADLINE.test(f) && !RESULT.test(f) ? 'deadline' : 'event';
  if (RESULT.test(f) || aboutReviewed) return 'result';
  if (DEADLINE.test(f)) return 'deadline';
  if (TARGET.test(f)) return 'target';
  if (TASK.test(f)) return 'task';
  // "Bắt giữ 45 vụ, 60 đối tượng": a figure that nothing aims at is a figure of what was done.
  const figures = f.replace(/\b\d{1,2}\/\d{1,2}(?:\/\d{4})?\b/g, ' ').replace(/\b(?:19|20)\d\d\b/g, ' ');
  if ((figures.match(FIGURE) ?? []).length > 0) return 'result';
  return 'other';
}

/** True when a folded sentence names years, all of them among `reviewed`. */
function aboutYears(f: string, reviewed: readonly number[]): boolean {
  // "so với năm 2024" is a baseline, not the year a sentence is about.
  const years = [
    ...matchesOf(
      /(?<![\d/])(?:19|20)\d\d(?!\d)/g,
      f.replace(/so voi (?:cung ky )?(?:nam )?(?:19|20)\d\d/g, ' '),
    ),
  ].map((m) => Number(m[0]));
  return years.length > 0 && years.every((y) => reviewed.includes(y));
}

/** Who is asked: offices, departments and units as documents name them. */
const UNIT_HEAD =
  '(?:Sở|Phòng|Ban|Văn phòng|Trung tâm|Công an|Bộ Chỉ huy|Bộ CHQS|BCHQS|BĐBP|Bộ đội Biên phòng|Đồn|Hải đội|Đội|Chi cục|Cục|Ủy ban|Uỷ ban|UBND|HĐND|Chủ tịch|Giám đốc|Thủ trưởng|Chỉ huy trưởng|Đảng ủy|Đảng uỷ|Huyện ủy|Huyện uỷ|Thành ủy|Thành uỷ|Tỉnh ủy|Tỉnh uỷ|Mặt trận|Hội|Đoàn|Kho bạc|Ngân hàng|Bảo hiểm|Bệnh viện|Trường|Các sở|Các đơn vị|Các cơ quan|Các địa phương|Các huyện|Các xã|Cơ quan|Thường trực)';
/** The words after an assignee that say what they must do. */
const ASSIGNED_VERB =
  '(?:chủ trì|chịu trách nhiệm|có trách nhiệm|thực hiện|tham mưu|phối hợp|xây dựng|tổ chức|hướng dẫn|kiểm tra|theo dõi|rà soát|bảo đảm|đảm bảo|bố trí|triển khai|tăng cường|quản lý|báo cáo|hoàn thành|khẩn trương)';
// Case matters: a unit's name is capitalized ("Phòng Tham mưu"), the verb after it is not ("tham mưu").
const GIVEN = new RegExp(
  `(?:^|[\\s,;:])(?:[Gg]iao(?: cho)?|[Đđ]ề nghị|[Yy]êu cầu)\\s+(${UNIT_HEAD}[^,;:.()]{0,80}?)\\s+${ASSIGNED_VERB}`,
  'u',
);
const SUBJECT = new RegExp(
  `^(?:[-–•+*]\\s*|\\(?\\d{1,2}[.)]\\s*|[a-zđ][.)]\\s*)?(${UNIT_HEAD}[^,;:.()]{0,80}?)\\s+${ASSIGNED_VERB}`,
  'u',
);
const HEADING_UNIT = new RegExp(
  `^(?:\\(?\\d{1,2}[.)]|[a-zđ][.)]|[IVX]+\\.)?\\s*(?:Giao\\s+)?(${UNIT_HEAD}[^:;.()]{0,80}?)\\s*(?:${ASSIGNED_VERB}[^:]*)?:?\\s*$`,
  'u',
);

/**
 * The unit or person a task or deadline is given to, when the text says so: "giao Phòng Tham mưu chủ
 * trì …", "đề nghị Sở Tài chính bố trí …", "Chủ tịch UBND các huyện chịu trách nhiệm …", or the
 * heading of the items it is listed under ("2. Bộ Chỉ huy Quân sự tỉnh:"). Null when none is named.
 */
export function findAssignee(text: string, heading?: string | null): string | null {
  // prepareText is NFC, whitespace collapsed and trimmed, skipping the collapse when it changes nothing.
  const t = prepareText(text);
  const m = GIVEN.exec(t) ?? SUBJECT.exec(t);
  if (m?.[1]) return tidy(m[1]);
  return heading ? headingAssignee(heading) : null;
}

/**
 * The unit a heading names (HEADING_UNIT), or null. The tasks and deadlines of a block, and the
 * blocks in a row, share their heading: the last one is remembered.
 */
function headingAssignee(heading: string): string | null {
  if (lastHeading?.heading !== heading) {
    const h = prepareText(heading);
    const fromHeading = h ? HEADING_UNIT.exec(h) : null;
    lastHeading = { heading, unit: fromHeading?.[1] ? tidy(fromHeading[1]) : null };
  }
  return lastHeading.unit;
}

let lastHeading: { heading: string; unit: string | null } | undefined;

function tidy(unit: string): string {
  return unit.replace(/\s+(?:và|,)\s*$/u, '').trim();
}
