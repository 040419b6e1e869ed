import type { TaskFact } from './types';
import {
  type Folded,
  capitalize,
  folded,
  foldSection,
  sliceFolded,
  splitSentences,
  trimStatement,
} from './fold';
import { type PlaceContext, yearFor } from './context';

const TASK_SECTION = /nhiem vu|phuong huong|giai phap|ke hoach|chuong trinh|trong tam|nhung viec can lam/;
const REVIEW_SECTION = /ket qua|danh gia|tinh hinh|thuc trang|ton tai|han che/;
const FORWARD_LEAD =
  /phuong huong|nhiem vu (?:trong tam|chu yeu|nam|trong)|giai phap|thoi gian toi|nam toi|xac dinh|yeu cau|de nghi|de ra|can tap trung|chi dao/;
const REVIEW_LEAD = /^(?:theo danh gia|ket qua|nam qua|qua \d|trong nam (?:19|20)\d\d,? (?:da|\S+ da))/;

const DIRECTIVE =
  /^(?:tiep tuc|quyet liet|tap trung|day manh|tang cuong|nang cao|chu dong|trien khai|lanh dao|chi dao|xay dung|phoi hop|duy tri|lam tot|thuc hien|to chuc|bao dam|dam bao|phat huy|kien toan|ra soat|quan triet|hoan thanh|giu vung|cung co|nam chac|tham muu|kiem tra|day nhanh|uu tien|doi moi|phat trien|quan ly|bao ve|chuan bi|sieu tam|nghiem tuc|khan truong|can|phai|gan ket|ket hop|huy dong|dau tu|hoan thien|tuyen truyen|thuong xuyen|kip thoi|chu trong|nghien cuu|xu ly)\b/;
const FILLER =
  /^(?:ben canh do|dong thoi|ngoai ra|trong do|mat khac|them vao do|cung voi do|thu (?:nhat|hai|ba|tu|nam)|mot la|hai la|ba la)[,:]?\s+/;
/** "X xác định", "UBND tỉnh yêu cầu các sở …:" — the words before the task proper. */
const LEAD_VERB =
  /\b(?:xac dinh|yeu cau|de nghi|chi dao|de ra|giao)\b(?: (?:cac|nhung) (?:nhiem vu|giai phap)[^:]{0,60}:| [^,.:]{0,60}:)?\s+/;
const ASSIGNMENT = /\bchu tri,? (?:va )?phoi hop\b|\bchiu trach nhiem (?:chu tri|thuc hien|tham muu)\b/;
const TARGET_LIKE = /^phan dau\b.*\d/;

function stripMarker(s: Folded): Folded {
  const m = /^(?:\(?\d{1,2}[).]|[a-dđ]\)|[-–+•*])\s*/u.exec(s.text);
  return m ? sliceFolded(s, m[0].length) : s;
}

/** The task proper of a sentence, or null when the sentence does not set one. */
function taskText(sentence: Folded, inTaskPlace: boolean, listItem: boolean): string | null {
  let s = stripMarker(sentence);
  const filler = FILLER.exec(s.fold);
  if (filler) s = sliceFolded(s, filler[0].length);
  if (TARGET_LIKE.test(s.fold)) return null;
  if (ASSIGNMENT.test(s.fold)) return capitalize(trimStatement(s.text));
  if (DIRECTIVE.test(s.fold)) return inTaskPlace ? capitalize(trimStatement(s.text)) : null;
  const lead = LEAD_VERB.exec(s.fold.slice(0, 200));
  if (lead) {
    const rest = sliceFolded(s, lead.index + lead[0].length);
    if (DIRECTIVE.test(rest.fold)) return capitalize(trimStatement(rest.text));
  }
  if (listItem && inTaskPlace && s.text.length > 12) return capitalize(trimStatement(s.text));
  return null;
}

/**
 * Tasks and directions of a block: items under a "nhiệm vụ", "phương hướng", "giải pháp" heading,
 * sentences of a forward-looking paragraph that open with a directive verb ("Tiếp tục triển khai…",
 * "Quyết liệt lãnh đạo…"), and assignments ("… chủ trì, phối hợp …").
 */
export function extractTasks(text: string, place: PlaceContext & { listItem?: boolean }): TaskFact[] {
  const block = folded(text);
  const sectionFold = place.section ? foldSection(place.section) : '';
  const inTaskSection = TASK_SECTION.test(sectionFold) && !REVIEW_SECTION.test(sectionFold);
  // Whether the block opens looking ahead is read only outside a task section (a task place anyway).
  const inTaskPlace =
    inTaskSection || (!REVIEW_LEAD.test(block.fold) && FORWARD_LEAD.test(block.fold.slice(0, 200)));
  const out: TaskFact[] = [];
  for (const s of splitSentences(block)) {
    // "3. Bộ Chỉ huy Bộ đội Biên phòng tỉnh:", "1. Giao Sở Tài chính chủ trì, phối hợp …:": a heading
    // of the items below it, which are the tasks.
    // A prepared sentence has no whitespace but single inner spaces (prepareText, splitSentences):
    // what ends with a colon and spaces ends with the colon.
    if (s.text.endsWith(':')) continue;
    const t = taskText(
      s,
      inTaskPlace,
      Boolean(place.listItem) || /^(?:\(?\d{1,2}[).]|[a-d]\)|[-+•])/.test(block.fold),
    );
    if (!t || t.length < 12) continue;
    const year = yearFor(s, block, s.start, place);
    out.push({
      kind: 'task',
      text: t,
      ...(year !== undefined ? { year } : {}),
      ...(inTaskSection && place.section ? { section: place.section } : {}),
    });
  }
  return out;
}
