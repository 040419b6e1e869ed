import { smallTalk, smallTalkReply } from '../../src/bot/small-talk';

describe('smallTalk: greetings, thanks and acknowledgements, not questions', () => {
  it.each<[string, ReturnType<typeof smallTalk>]>([
    ['cảm ơn nhé', 'thanks'],
    ['Cảm ơn bot nhiều!', 'thanks'],
    ['cam on a', 'thanks'],
    ['CÁM ƠN'.normalize('NFD'), 'thanks'],
    ['thanks', 'thanks'],
    ['xin chào', 'greeting'],
    ['Chào bot', 'greeting'],
    ['chào cả nhà', 'greeting'],
    ['hello', 'greeting'],
    ['bot ơi', 'call'],
    ['ok', 'ack'],
    ['Dạ vâng', 'ack'],
    ['vâng ạ', 'ack'],
    ['được rồi, cảm ơn', 'thanks'],
    ['chào mừng kỷ niệm 80 năm thành lập QĐND', null],
    ['cảm ơn ai chủ trì hội nghị', null],
    ['ai chủ trì hội nghị?', null],
    ['chỉ tiêu 2025', null],
    ['', null],
  ])('%s → %s', (message, kind) => expect(smallTalk(message)).toBe(kind));

  it('replies briefly and never says "not found"', () => {
    for (const kind of ['thanks', 'greeting', 'call', 'ack'] as const) {
      const reply = smallTalkReply(kind);
      expect(reply.length).toBeLessThan(220);
      expect(reply).not.toMatch(/không tìm thấy|chưa tìm thấy/);
    }
  });
});
