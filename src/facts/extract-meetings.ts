import type { MeetingFact, Person } from './types';
import { type Folded, folded, isWhole, sliceFolded, splitSentences, TITLE_PARTS } from './fold';
import { peopleAfter, peopleBefore } from './extract-people';
import { findDates } from './dates';
import { matchesOf } from '../text/matches';

/** Meeting words, folded, with their display form: the ones a question names a meeting by. */
export const MEETING_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/\bhoi nghi\b/, 'hội nghị'],
  [/\bky hop\b/, 'kỳ họp'],
  [/\bdai hoi\b/, 'đại hội'],
  [/\bhoi thao\b/, 'hội thảo'],
  [/\btoa dam\b/, 'tọa đàm'],
  [/\bphien hop\b/, 'phiên họp'],
  [/\bcuoc hop\b/, 'cuộc họp'],
  [/\bdien tap\b/, 'diễn tập'],
];

/** Event words, folded, with their display form. "lễ" is checked on the display text (folds to "le" = Lê). */
const EVENTS: Array<[RegExp, string]> = [
  ...MEETING_WORDS,
  [/\bgiao ban\b/, 'giao ban'],
  [/\bhoi dam\b/, 'hội đàm'],
  [/\bbuoi le\b/, 'buổi lễ'],
  [/\ble\b/, 'lễ'],
];

/** Verbs after "chủ trì" that make it an agency leading a task, not a person chairing a meeting. */
const TASK_AFTER_CHAIR =
  /^\s*(?:,\s*|va\s+)?(?:phoi hop|to chuc thuc hien|xay dung|thuc hien|trien khai|soan thao|tham muu|giai quyet|kiem tra|huong dan|theo doi|ra soat|lap|de xuat|tiep nhan|quan ly)\b/;

/**
 * Who chairs: "chủ trì", "chủ tọa"; a congress's presidium ("Đoàn Chủ tịch đại hội gồm các đồng chí:
 * …"); an exercise's director ("…, Trưởng ban Chỉ đạo diễn tập chỉ đạo cuộc diễn tập"); who runs a
 * meeting ("… điều hành kỳ họp", "Kỳ họp do … điều hành" — not "chỉ đạo, điều hành" of a province).
 */
const CHAIR_CUE =
  /\b(?:(?:da|dong|cung) )?(?:chu tri|chu toa)\b|\bsu dieu hanh(?= cua\b)|\bdoan chu tich\b|(?<!ban )\bchi dao (?:cuoc )?dien tap\b|\bdieu hanh(?= (?:hoi nghi|ky hop|dai hoi|phien hop|cuoc hop|buoi hop)\b)|\bdieu hanh(?=\s*[.;)]|$)(?<=\bdo\b[^.;:]{0,80}dieu hanh)/g;
/**
 * Where the names begin after a chair word: "Chủ trì hội nghị là / có / gồm …", "dưới sự chủ trì
 * của …", "Chủ trì Hội nghị: …", "Chủ trì Hội nghị, có …".
 */
const CHAIR_FORWARD =
  /^\s*[^.;:,]{0,60}?,?\s(?:la|co|gom|cua|boi)(?: cac dong chi(?=\s*:))?\s*:?\s+|^\s*[^.;:,]{0,60}?:\s*/;
/** A sentence opened by the chairing ("Chủ trì buổi làm việc, đồng chí …"): names after the comma. */
const CHAIR_OPENING =
  /^\s*[^.;:,]{0,60}?,\s*(?=dong chi\b|d\/c\b|ong\b|ba\b|(?:dai|thuong|trung|thieu) (?:ta|tuong|uy)\b)/;
/**
 * Who attends, said before the names: "Dự hội nghị có …", "Tham dự hội nghị, về phía tỉnh có …",
 * "Có mặt tại hội nghị có …", "sự tham dự (tham gia, hiện diện, góp mặt) của …", "vinh dự được đón
 * tiếp …", and a guest whose direction the meeting took up ("Đại hội tiếp thu ý kiến chỉ đạo của
 * đồng chí …"). After the names: "… dự và phát biểu tại hội nghị", "… dự tại điểm cầu tỉnh".
 */
const ATTEND_FORWARD =
  /\b(?:(?:(?:den|ve|cung|tham) )*du(?: va (?:phat bieu )?chi dao)?|co mat|hien dien)(?: [^.;:,]{0,60}?)?(?:,(?: ve phia [^.;:,]{0,40}?)?)? (?:co|la|gom)\s*:?\s+|\bsu (?:(?:tham )?du|tham gia|hien dien|gop mat|co mat) cua [^.;:]{0,80}?,? trong do co\s+|\bsu (?:(?:tham )?du|tham gia|hien dien|gop mat|co mat)(?: va chi dao)? cua\s+|\bve phia [^.;:,]{1,60}? co\s+(?=(?:cac )?(?:dong chi|d\/c|ong|ba|(?:dai|thuong|trung|thieu) (?:ta|tuong|uy))\b)|\by kien chi dao cua\s+(?=dong chi\b|d\/c\b)|\bvinh du (?:duoc )?(?:don tiep|don)\s+/g;
const ATTEND_BACKWARD =
  /\b(?:(?:da|den|ve|cung) )*(?:tham )?du(?: va (?:phat bieu(?: chi dao)?|chi dao))?(?=(?: (?:tai )?(?:hoi nghi|ky hop|dai hoi|hoi thao|buoi|le|phien|cuoc|toa dam|diem cau|hop|khai mac|be mac)\b)|\s*[.,;)]|$)/g;
/** Speaking at the meeting, said after the speaker: "Đại tá X, Chỉ huy trưởng … trình bày báo cáo". */
const SPEAK_CUE =
  /\b(?:phat bieu(?: chi dao| ket luan| be mac| khai mac| tham luan)?|trinh bay(?: bao cao| tham luan| du thao)?)\b/g;

/**
 * Words every match of the cues above contains ("du" as a word: "tham dự", "dự và chỉ đạo"): a
 * block without any has no chair, attendee or speaker, and is not split into sentences.
 */
const ANY_CUE =
  /chu tri|chu toa|dieu hanh|doan chu tich|chi dao|\bdu\b|phat bieu|trinh bay|co mat|hien dien|tham gia|gop mat/;

/**
 * Words every match of CHAIR_CUE, ATTEND_FORWARD, ATTEND_BACKWARD and SPEAK_CUE contains: those of
 * ANY_CUE and "ve phia" (ATTEND_FORWARD's "về phía tỉnh có đồng chí …"). A sentence without any has
 * no match of them, so it is skipped without running the four.
 */
const SENTENCE_CUE =
  /chu tri|chu toa|dieu hanh|doan chu tich|chi dao|\bdu\b|phat bieu|trinh bay|co mat|hien dien|tham gia|gop mat|ve phia/;

/** Where a list written after its verb ends. */
const LIST_END = new RegExp(
  // The period of a title before a name ("PGS. TS. Lê Thị Mai") ends no list.
  `(?<!(?:^|[\\s.(])(?:${TITLE_PARTS}))\\.(?=\\s|$)|\\)|\\s(?:chu tri|dong chu tri|du va chi dao|tham du|cung du|phat bieu|da den du)\\b`,
);

function eventAt(f: Folded, from = 0): { type: string; start: number } | null {
  let best: { type: string; start: number } | null = null;
  for (const [re, type] of EVENTS) {
    const sub = f.fold.slice(from);
    const m = re.exec(sub);
    if (!m) continue;
    const start = from + m.index;
    if (type === 'lễ' && f.text.slice(start, start + 2).toLowerCase() !== 'lễ') continue;
    if (!best || start < best.start) best = { type, start };
  }
  return best;
}

/** The event's name as written from its event word: "Hội nghị tổng kết công tác năm 2024". */
function eventName(f: Folded, start: number, type: string): string | undefined {
  const rest = sliceFolded(f, start);
  const stop =
    /[,;.()]|\s(?:do|vao|tai|chu tri|chi dao|duoi su|voi su|co su|nham|de|la|co|gom|duoc|da)\s/.exec(
      rest.fold,
    );
  const name = rest.text.slice(0, stop ? stop.index : undefined).trim();
  if (name.length <= type.length + 1 || name.length > 160) return undefined;
  return name;
}

/** The clause before a verb: from the sentence start or from an open bracket. */
function clauseBefore(s: Folded, end: number): Folded {
  const before = s.text.slice(0, end);
  const open = before.lastIndexOf('(');
  const close = before.lastIndexOf(')');
  const start = open > close ? open + 1 : 0;
  return sliceFolded(s, start, end);
}

function listAfter(s: Folded, start: number): Folded {
  const rest = sliceFolded(s, start);
  const stop = LIST_END.exec(rest.fold);
  return sliceFolded(rest, 0, stop ? stop.index : undefined);
}

/** What the person of a sentence's opening goes on to do ("…, đồng chí X, Bí thư Tỉnh ủy yêu cầu …"). */
const OPENING_VERB =
  /\s(?:yeu cau|de nghi|nhan manh|cho biet|bieu duong|ghi nhan|danh gia|khang dinh|chi dao|luu y|chuc mung|neu ro|thong tin|dong tinh|giao|quan triet)\b/;

/** The person named after a sentence's opening clause, up to what they go on to do: one at most. */
function personOpening(s: Folded, start: number): Person[] {
  const rest = sliceFolded(s, start);
  const verb = OPENING_VERB.exec(rest.fold);
  return peopleAfter(listAfter(verb ? sliceFolded(rest, 0, verb.index) : rest, 0)).slice(0, 1);
}

function addPeople(into: Person[], people: Person[]): void {
  for (const p of people) if (!into.some((q) => q.name === p.name)) into.push(p);
}

/**
 * The meeting a block reports, if a person chairs or attends it. One block gives at most one
 * meeting; its type, name and date come from the block, else from the document title.
 */
export function extractMeeting(text: string, ctx: { title: string; year?: number }): MeetingFact | null {
  const block = folded(text);
  if (!ANY_CUE.test(block.fold)) return null;
  const chairs: Person[] = [];
  const attendees: Person[] = [];
  const speakers: Person[] = [];
  let chairEvent: string | undefined;
  /** A speaker was named where the meeting is (not only after a speech opening that names none). */
  let spokeAtEvent = false;
  for (const s of splitSentences(block)) {
    // A sentence as long as its block is the block (sentences are pieces of it), which has a word of
    // ANY_CUE, and so one of SENTENCE_CUE: it is not tested again.
    if (!isWhole(s, block) && !SENTENCE_CUE.test(s.fold)) continue;
    for (const m of matchesOf(CHAIR_CUE, s.fold)) {
      const after = s.fold.slice(m.index + m[0].length);
      if (TASK_AFTER_CHAIR.test(after)) continue;
      const fw = CHAIR_FORWARD.exec(after);
      let people: Person[] = [];
      if (fw) people = peopleAfter(listAfter(s, m.index + m[0].length + fw[0].length));
      if (people.length === 0) people = peopleBefore(clauseBefore(s, m.index));
      const opening =
        people.length === 0 && /^\(?\s*$/.test(s.fold.slice(0, m.index)) && CHAIR_OPENING.exec(after);
      if (opening) people = personOpening(s, m.index + m[0].length + opening[0].length);
      if (people.length === 0) continue;
      addPeople(chairs, people);
      const ev = eventAt(
        sliceFolded(s, m.index + m[0].length, Math.min(s.text.length, m.index + m[0].length + 14)),
      );
      if (ev && !chairEvent) chairEvent = ev.type;
    }
    for (const m of matchesOf(ATTEND_FORWARD, s.fold))
      addPeople(attendees, peopleAfter(listAfter(s, m.index + m[0].length)));
    for (const m of matchesOf(ATTEND_BACKWARD, s.fold)) {
      if (m.index === 0) continue;
      addPeople(attendees, peopleBefore(clauseBefore(s, m.index)));
    }
    for (const m of matchesOf(SPEAK_CUE, s.fold)) {
      if (m.index > 0) {
        const before = peopleBefore(clauseBefore(s, m.index));
        addPeople(speakers, before);
        if (before.length > 0) spokeAtEvent = true;
        continue;
      }
      // A sentence opened by a speech ("Phát biểu chỉ đạo hội nghị, đồng chí …", "Phát biểu kết luận,
      // đồng chí …"): the name after the comma. When the opening names no meeting, the events the
      // sentence goes on to name are the speech's ("… chuẩn bị tốt đại hội các cấp"), not the one spoken at.
      const opening = CHAIR_OPENING.exec(s.fold.slice(m[0].length));
      if (!opening) continue;
      const person = personOpening(s, m[0].length + opening[0].length);
      addPeople(speakers, person);
      if (person.length > 0 && EVENTS.some(([re]) => re.test(opening[0]))) spokeAtEvent = true;
    }
  }
  if (chairs.length === 0 && attendees.length === 0 && speakers.length === 0) return null;
  const chairNames = new Set(chairs.map((p) => p.name));
  const onlyAttending = attendees.filter((p) => !chairNames.has(p.name));

  const title = folded(ctx.title);
  // Only a speech that names no meeting: the block's meeting is the document's.
  const speechOnly = chairs.length === 0 && attendees.length === 0 && !spokeAtEvent;
  const inBlock = speechOnly ? null : eventAt(block);
  const inTitle = eventAt(title);
  const eventType = chairEvent ?? inBlock?.type ?? inTitle?.type ?? 'hội nghị';
  let name: string | undefined;
  if (inBlock) name = eventName(block, inBlock.start, inBlock.type);
  if (!name && inTitle) name = eventName(title, inTitle.start, inTitle.type);
  const date = (speechOnly ? [] : findDates(block, ctx.year)).find(
    (d) =>
      d.shape === 'day' &&
      /^(?:sang|chieu|toi|trua|dem|ngay|hom|\d)/.test(block.fold.slice(d.start)) &&
      !/\b(?:truoc|den|han|cham nhat)\s*$/.test(block.fold.slice(Math.max(0, d.start - 12), d.start)),
  );
  return {
    kind: 'meeting',
    eventType,
    ...(name ? { eventName: name } : {}),
    ...(date ? { date: date.date } : {}),
    chairs,
    attendees: onlyAttending,
    ...(speakers.length > 0 ? { speakers } : {}),
  };
}
