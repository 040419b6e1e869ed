import { PassThrough } from 'node:stream';
import { runLocalChat } from '../../src/bot/local-chat';
import { createTestServices, testConfig } from '../helpers/fake-bot-api';

/** Runs the terminal chat over the given lines and returns everything it printed. */
async function chat(lines: string[], env: Record<string, string> = {}, end = true) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const services = createTestServices();
  const done = runLocalChat(testConfig(env), services, { input, output });
  input.write(lines.join('\n') + '\n');
  if (end) input.end();
  await done;
  return { printed, services };
}

describe('local chat', () => {
  test('says there is no token, answers a question as plain text, exits on EOF', async () => {
    const { printed } = await chat(['chỉ tiêu tổ chức đảng năm 2025 là gì?']);
    expect(printed).toContain('Chưa có TELEGRAM_BOT_TOKEN');
    expect(printed).toContain('100% tổ chức đảng');
    expect(printed).toContain('Nghị quyết lãnh đạo năm 2025 · Phương hướng năm 2025 · đoạn 4');
    expect(printed).not.toMatch(/<\/?b>|&lt;|&amp;/);
    expect(printed).toContain('Tạm biệt');
  });

  test('escaped HTML in a question comes back as the typed characters', async () => {
    const { printed } = await chat(['<b>chỉ tiêu</b> & tổ chức đảng']);
    expect(printed).toContain('Câu hỏi: <b>chỉ tiêu</b> & tổ chức đảng');
  });

  test('/help, /tailieu, then typing a number presses "Toàn văn", "xem thêm" pages', async () => {
    const { printed, services } = await chat([
      '/help',
      '/tailieu',
      'chỉ tiêu năm 2025 tổ chức đảng công tác',
      '2',
      'xem thêm',
    ]);
    expect(printed).toContain('Ví dụ');
    expect(printed).toContain('Tài liệu đã nạp: 2');
    expect(printed).toContain('Toàn văn kết quả 2');
    expect(printed).toMatch(/Thêm kết quả \(4–/);
    expect(services.retriever.asked.map((a) => a.options?.offset)).toEqual([0, 3]);
  });

  test('/tailieu, a document’s number, "hỏi trong tài liệu này": the next line is asked inside it', async () => {
    const { printed, services } = await chat([
      '/tailieu',
      '1',
      '🔎 hỏi trong tài liệu này',
      'chỉ tiêu tổ chức đảng năm 2025',
      'chỉ tiêu tổ chức đảng năm 2025',
    ]);
    expect(printed).toContain('📄 1. Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025');
    expect(printed).toContain('Anh/chị muốn hỏi gì trong');
    // Only the line right after the reply box is asked inside the document.
    expect(services.retriever.asked.map((a) => a.options?.documentId)).toEqual([1, undefined]);
    expect(printed).toContain('100% tổ chức đảng');
  });

  test('/thoat ends the chat even without EOF; later lines are not handled', async () => {
    const { printed, services } = await chat(['/thoat', 'chỉ tiêu'], {}, false);
    expect(printed).toContain('Tạm biệt');
    expect(services.retriever.asked).toHaveLength(0);
  });

  test('a 5,000-character question gets the clear message', async () => {
    const { printed } = await chat(['chỉ tiêu '.repeat(600)]);
    expect(printed).toContain('Câu hỏi quá dài (tối đa 1000 ký tự)');
  });
});
