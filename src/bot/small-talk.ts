import { foldDiacritics } from '../text/normalize';

/**
 * Greetings, thanks and acknowledgements addressed to the bot ("xin chào", "cảm ơn nhé", "bot ơi",
 * "ok"): they get a short friendly reply instead of a search that can only answer "not found".
 * Only a message made of such words counts; "chào mừng kỷ niệm 80 năm" or "cảm ơn ai chủ trì" is a
 * question.
 */
export type SmallTalk = 'greeting' | 'thanks' | 'ack' | 'call';

const FILLER =
  '(?: (?:a|ah|nhe|nha|nhi|nhieu|lam|bot|ban|anh|chi|em|ad|admin|moi nguoi|ca nha|nhieu nhe|nhe bot|nha bot|nhieu nha))*';
const ACK = '(?:ok|oke|okay|okie|ok roi|duoc roi|vang|da|uh|u|um|hieu roi|ro roi|da ro)';
const PATTERNS: ReadonlyArray<[SmallTalk, RegExp]> = [
  [
    'thanks',
    new RegExp(`^(?:${ACK} )*(?:xin )?(?:cam on|cam ong|thank you|thanks|thank|tks|thanks you|ty)${FILLER}$`),
  ],
  ['greeting', new RegExp(`^(?:xin chao|chao|hello|hi|alo|hey|chao buoi sang|chao buoi chieu)${FILLER}$`)],
  ['call', new RegExp(`^(?:bot|chithi)(?: oi)?${FILLER}$`)],
  ['ack', new RegExp(`^${ACK}(?: ${ACK})*${FILLER}$`)],
];

/** What kind of small talk a message is, or null when it asks something. */
export function smallTalk(message: string): SmallTalk | null {
  const f = foldDiacritics(message.normalize('NFC').toLowerCase())
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!f || f.split(' ').length > 6) return null;
  for (const [kind, re] of PATTERNS) if (re.test(f)) return kind;
  return null;
}

/** The bot's short reply to small talk, in Vietnamese. */
export function smallTalkReply(kind: SmallTalk): string {
  switch (kind) {
    case 'thanks':
      return 'Dạ, không có gì ạ. Anh/chị cần tra cứu thêm cứ hỏi tôi nhé.';
    case 'greeting':
      return 'Xin chào anh/chị! Anh/chị cứ hỏi về các văn bản, báo cáo đã nạp, ví dụ: “chỉ tiêu năm 2025 là gì?” hoặc “ai chủ trì hội nghị?”. Gõ /help để xem hướng dẫn.';
    case 'call':
      return 'Dạ, tôi đây ạ. Anh/chị muốn hỏi gì về các văn bản, báo cáo?';
    case 'ack':
      return 'Dạ vâng ạ.';
  }
}
