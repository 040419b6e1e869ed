import type { Person } from './types';
import { type Folded, sliceFolded, TITLE_PARTS } from './fold';
import { matchesOf } from '../text/matches';

/**
 * Person lists as Vietnamese reports write them:
 * "Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh", "Đại tá Trần Văn Hùng - Chỉ huy trưởng",
 * "các đồng chí: A, Bí thư …; B, Phó …". A person is an honorific and/or a rank followed by a
 * capitalized name, or a bare name of three or more words starting with a known surname. Roles are
 * the comma-separated pieces that follow, up to the next person.
 */

const HONORIFIC_RE = /(?:(?:cac|hai|ba) )?(dong chi|d\/c|d\.c|ong|ba)(?: ?:)? /y;

const RANKS: Record<string, string> = {
  'dai tuong': 'Đại tướng',
  'thuong tuong': 'Thượng tướng',
  'trung tuong': 'Trung tướng',
  'thieu tuong': 'Thiếu tướng',
  'dai ta': 'Đại tá',
  'thuong ta': 'Thượng tá',
  'trung ta': 'Trung tá',
  'thieu ta': 'Thiếu tá',
  'dai uy': 'Đại úy',
  'thuong uy': 'Thượng úy',
  'trung uy': 'Trung úy',
  'thieu uy': 'Thiếu úy',
  'chuan uy': 'Chuẩn úy',
  'pho do doc': 'Phó Đô đốc',
  'chuan do doc': 'Chuẩn Đô đốc',
  'do doc': 'Đô đốc',
};
/** A rank, with the comma written between it and an academic title ("Đại tá, TS. Nguyễn Văn Hùng"). */
const RANK_RE = new RegExp(`(${Object.keys(RANKS).join('|')})(?: ?:|,(?= (?:${TITLE_PARTS})\\b))? `, 'y');

/** A title before a name (see TITLE_PARTS), folded: "pgs.ts ", "ths. bsckii ". */
const TITLE_RE = new RegExp(`((?:${TITLE_PARTS})(?:\\.? ?(?:${TITLE_PARTS}))*)\\.?,? `, 'y');

const SURNAMES = new Set(
  (
    'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh dao luu trinh mai cao lam ta ' +
    'ha chau to trieu truong thai quach luong kieu doan dam la lai chu tu tang than khuc nong lo hua mac giang ' +
    'phung tong vuong au hau ninh kim diep thach danh lu ong quan khong ma nghiem phi be sam luc vi mong cam ' +
    'ton ung y ksor rah siu nie rmah'
  ).split(' '),
);

/** Two-word starts of roles; a name stops before them ("… Văn Tư lệnh" never happens, "Tư lệnh" does). */
const ROLE_HEADS =
  /^(?:pho|chinh uy|bi thu|chu tich|chu nhiem|chi huy|giam doc|tu lenh|truong (?:ban|phong|doan|cong an)|uy vien|thu truong|bo truong|tham muu|don truong|cuc truong|tong bi thu|dai dien|dai bieu|hieu truong|vien truong|chanh|chinh tri vien|hai doan truong|tong cuc truong|tong giam doc)\b/;

/** Leads that make a capitalized piece a time or place, not a role. */
const NOT_ROLE =
  /^(?:sang|chieu|toi|trua|ngay|nam|thang|tai|theo|trong|sau|truoc|hom|vao|thay mat|phat bieu|ket luan|den du|du|tham du|cung du|hoi nghi|ky hop|dai hoi|hoi thao|le |buoi|qua|nhan dip|dip|de|ve|voi)\b/;

const NAME_TOKEN = /^\p{Lu}[\p{Ll}'’]*$/u;

export interface ParsedPerson {
  person: Person;
  /** True when text before the person was skipped ("Hội nghị do đồng chí …"). */
  prefixed: boolean;
}

function parseAt(seg: Folded, at: number): Person | null {
  let p = at;
  let honorific: string | undefined;
  let rank: string | undefined;
  HONORIFIC_RE.lastIndex = p;
  const h = HONORIFIC_RE.exec(seg.fold);
  if (h) {
    const word = h[1] as string;
    const written = seg.text.slice(h.index, h.index + h[0].length).trim();
    // "ông"/"bà" are honorifics only in lower case or at the start of a piece ("Bà Rịa" is a place).
    if ((word === 'ong' || word === 'ba') && at > 0 && /^\p{Lu}/u.test(written)) return null;
    honorific = word === 'ong' ? 'ông' : word === 'ba' ? 'bà' : 'đồng chí';
    p = h.index + h[0].length;
  }
  RANK_RE.lastIndex = p;
  const r = RANK_RE.exec(seg.fold);
  if (r) {
    rank = RANKS[r[1] as string];
    p = r.index + r[0].length;
  }
  // "PGS.TS Nguyễn Văn Hùng", "TS.BS Lê Thị Mai": a title as written, in capitals, before the name.
  TITLE_RE.lastIndex = p;
  const t = TITLE_RE.exec(seg.fold);
  let title: string | undefined;
  if (t) {
    const written = seg.text.slice(t.index, t.index + (t[1] as string).length);
    if (/^\p{Lu}/u.test(written) && written.replace(/[^\p{Lu}]/gu, '').length >= 2) {
      title = written;
      p = t.index + t[0].length;
    }
  }
  const tokens: string[] = [];
  let q = p;
  while (q < seg.text.length && tokens.length < 5) {
    const m = /^(\S+?)(?=[\s,;()\-–]|$)/.exec(seg.text.slice(q));
    if (!m) break;
    const tok = m[1] as string;
    if (!NAME_TOKEN.test(tok)) break;
    if (tokens.length >= 2 && ROLE_HEADS.test(seg.fold.slice(q))) break;
    tokens.push(tok);
    q += tok.length;
    if (seg.text[q] !== ' ') break;
    if (!/^ \p{Lu}/u.test(seg.text.slice(q))) break;
    q += 1;
  }
  if (tokens.length < 2) return null;
  if (!honorific && !rank && !title) {
    const first = seg.fold.slice(p, p + (tokens[0] as string).length);
    if (tokens.length < 3 || !SURNAMES.has(first)) return null;
  }
  const rest = seg.text.slice(q).trim();
  const roles: string[] = [];
  if (rest) {
    const dash = /^[-–—]\s*(.+)$/.exec(rest);
    const paren = /^\((.+)\)$/.exec(rest);
    const role = dash?.[1] ?? paren?.[1];
    if (!role) return null;
    roles.push(role.trim());
  }
  return {
    ...(honorific ? { honorific } : {}),
    name: tokens.join(' '),
    // "Đại tá, TS": both as the reports write them, a comma between.
    ...(rank || title ? { rank: [rank, title].filter(Boolean).join(', ') } : {}),
    roles,
  };
}

/** Where a person may start inside a piece: an honorific or a rank. */
const PERSON_START = new RegExp(
  `(?<=[\\s(])(?:(?:cac )?(?:dong chi|d\\/c)|ong|ba|[a-z]+ (?:tuong|ta|uy)|do doc|(?:${TITLE_PARTS})[.,]?) `,
  'g',
);

/** Parses a piece that is exactly one person, or (with allowPrefix) ends with one. */
export function parsePerson(seg: Folded, allowPrefix: boolean): ParsedPerson | null {
  const direct = parseAt(seg, 0);
  if (direct) return { person: direct, prefixed: false };
  if (!allowPrefix) return null;
  const starts = new Set<number>();
  for (const m of matchesOf(PERSON_START, seg.fold)) starts.add(m.index);
  for (const m of matchesOf(/ do (?=\S)/g, seg.fold)) starts.add(m.index + 4);
  // A bare full name after its role: "Phó Chủ tịch UBND tỉnh Lê Quốc Anh".
  for (const m of matchesOf(/(?<= )\p{Lu}[\p{Ll}'’]*(?= \p{Lu})/gu, seg.text)) starts.add(m.index);
  for (const at of [...starts].sort((a, b) => a - b)) {
    const person = parseAt(seg, at);
    if (!person) continue;
    const lead = sliceFolded(seg, 0, at);
    if (!person.honorific && !person.rank) {
      // Without an honorific the words before the name must be its role, nothing else.
      if (!isRole(lead)) continue;
      return { person: { ...person, roles: [lead.text, ...person.roles] }, prefixed: true };
    }
    return { person, prefixed: true };
  }
  return null;
}

/** A comma-separated piece that reads as a role ("Bí thư Đảng ủy", "Chính ủy BĐBP tỉnh"). */
export function isRole(seg: Folded): boolean {
  if (!seg.text || seg.text.length > 110) return false;
  if (NOT_ROLE.test(seg.fold)) return false;
  if (/\d{1,2}\/\d{1,2}|(?:19|20)\d\d/.test(seg.fold)) return false;
  if (seg.text.split(' ').length > 16) return false;
  return /^\p{Lu}/u.test(seg.text) || ROLE_HEADS.test(seg.fold);
}

/** A rank as folded text ends with it: a comma after one may lead to its holder's academic title. */
const RANK_END = `(?:${Object.keys(RANKS).join('|')})`;
const PIECE_END = new RegExp(
  `\\s*[;:]\\s*|(?<!\\b${RANK_END})\\s*,\\s*|(?<=\\b${RANK_END})\\s*,(?!\\s*(?:${TITLE_PARTS})\\b)\\s*|\\s+(?:va|cung)\\s+(?=(?:cac )?(?:dong chi|d\\/c|ong|ba|dai|thuong|trung|thieu|${TITLE_PARTS})\\b)`,
  'g',
);

/**
 * Splits a person list at commas, semicolons and colons (a group named before its people: "các đồng chí
 * lãnh đạo Bộ CHQS tỉnh: Đại tá …"), and at "và"/"cùng" before another person.
 */
export function splitPieces(f: Folded): Folded[] {
  const out: Folded[] = [];
  let start = 0;
  for (const m of matchesOf(PIECE_END, f.fold)) {
    out.push(sliceFolded(f, start, m.index));
    start = m.index + m[0].length;
  }
  out.push(sliceFolded(f, start));
  return out.filter((s) => s.text.length > 0);
}

/** People written just before a verb: walks back from the end while pieces are people or roles. */
export function peopleBefore(f: Folded): Person[] {
  const pieces = splitPieces(f);
  const people: Person[] = [];
  let pending: string[] = [];
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i] as Folded;
    const parsed = parsePerson(piece, true);
    if (parsed) {
      const roles = [...parsed.person.roles, ...pending];
      people.unshift({ ...parsed.person, roles });
      pending = [];
      if (parsed.prefixed) break;
      continue;
    }
    if (isRole(piece)) {
      pending.unshift(piece.text);
      continue;
    }
    break;
  }
  return people;
}

/**
 * A group, not a person, in a list of those present: "các đồng chí Ủy viên Ban Thường vụ Huyện ủy",
 * "lãnh đạo các ban, ngành", "đại diện các sở", "bí thư đảng ủy các xã".
 */
const GROUP =
  /^(?:cac|lanh dao cac|dai dien(?: cac| lanh dao)?|(?:\S+ ){1,5}cac (?:xa|phuong|thi tran|huyen|so|ban|nganh|don vi|co quan|dia phuong)\b)/;

/**
 * People written just after "có", "là", "của" …: persons with their roles, past the groups the list
 * names among them ("Tham dự có các đồng chí Ủy viên Ban Thường vụ; đồng chí Lê Hoàng Anh, Chủ tịch
 * UBND huyện; lãnh đạo các ban …"); the list ends at the first piece that is none of these.
 */
export function peopleAfter(f: Folded): Person[] {
  const people: Person[] = [];
  // Whose roles the next pieces are: the last person; after a group, none (the pieces up to the next
  // person are the group's: "đại diện các sở, ngành").
  let owner: Person | undefined;
  let inGroup = false;
  for (const piece of splitPieces(f)) {
    const parsed = parsePerson(piece, false);
    if (parsed) {
      people.push(parsed.person);
      owner = parsed.person;
      inGroup = false;
      continue;
    }
    if (owner && isRole(piece)) {
      owner.roles.push(piece.text);
      continue;
    }
    if (inGroup || GROUP.test(piece.fold)) {
      owner = undefined;
      inGroup = true;
      continue;
    }
    break;
  }
  return people;
}
