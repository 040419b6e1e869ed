import { digestCommand } from '../../src/commands/digest';

async function run(argv: string[]) {
  const calls: Array<[number, string]> = [];
  const out: string[] = [];
  const err: string[] = [];
  const code = await digestCommand(argv, {
    compose: async (chatId, date) => {
      calls.push([chatId, date]);
      return { text: `Nhắc việc ngày ${date} cho ${chatId}` };
    },
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    today: () => '2025-12-05',
  });
  return { code, calls, out: out.join('\n'), err: err.join('\n') };
}

describe('chithi digest', () => {
  it.each<[string[], number, Array<[number, string]>]>([
    [[], 0, [[0, '2025-12-05']]],
    [['--date', '2026-01-01'], 0, [[0, '2026-01-01']]],
    [['--chat', '-1001234567890'], 0, [[-1001234567890, '2025-12-05']]],
    [['--date', '2025-12-31', '--chat', '42', '--index', 'embeddings'], 0, [[42, '2025-12-31']]],
    [['--date', '05/12/2025'], 2, []],
    [['--date', '2025-02-30'], 2, []],
    [['--chat', 'nhom-phong-chay'], 2, []],
    [['--gui'], 2, []],
    [['extra'], 2, []],
  ])('%j exits %i', async (argv, code, calls) => {
    const r = await run(argv);
    expect(r.code).toBe(code);
    expect(r.calls).toEqual(calls);
    if (code === 0) expect(r.out).toContain(`Nhắc việc ngày ${calls[0]?.[1]}`);
    else expect(r.err).toContain('Cách dùng: npx chithi digest');
  });

  it('prints help without composing', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([]);
    expect(r.out).toContain('--date YYYY-MM-DD');
  });

  it("prints how that day's send went after the digest, when there is something to tell", async () => {
    const out: string[] = [];
    const code = await digestCommand(['--chat', '-1001234567890', '--date', '2025-12-05'], {
      compose: async () => ({
        text: 'Nhắc việc ngày 05/12/2025',
        notices: ['Bản tin ngày 05/12/2025 bị gián đoạn lúc 07:30 (không gửi lại)'],
      }),
      out: (t) => out.push(t),
    });
    expect(code).toBe(0);
    expect(out.join('\n')).toBe(
      'Nhắc việc ngày 05/12/2025\n\n⚠ Bản tin ngày 05/12/2025 bị gián đoạn lúc 07:30 (không gửi lại).',
    );
  });

  it('prints the digest alone when the day went normally', async () => {
    const out: string[] = [];
    await digestCommand(['--date', '2025-12-05'], {
      compose: async () => ({ text: 'Nhắc việc ngày 05/12/2025', notices: [] }),
      out: (t) => out.push(t),
    });
    expect(out).toEqual(['Nhắc việc ngày 05/12/2025']);
  });
});
