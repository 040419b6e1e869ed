import readline from 'node:readline';
import { App } from '../app';
import { isChithiError } from '../errors';
import { otherDocumentsLine } from '../facts/format';
import { AskResult, SearchResult } from '../search/types';

/** The source line of a result: title · unit · number/date · section · đoạn N · trang P · file. */
export function sourceLine(r: SearchResult): string {
  const s = r.source;
  return [
    s.title,
    s.unit && !s.title.includes(s.unit) ? s.unit : null,
    s.reference,
    s.section,
    `đoạn ${s.paragraph}`,
    s.page ? `trang ${s.page}` : null,
    s.file,
    s.ocr ? 'bản quét OCR' : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

const BOLD = (s: string, tty: boolean) => (tty ? `\x1b[1m${s}\x1b[22m` : `**${s}**`);

/** A result for a person in the terminal: the text with the answering sentence highlighted, then its source. */
export function formatResultText(r: SearchResult, n: number, tty: boolean): string {
  const text = r.highlight ? r.text.replace(r.highlight, BOLD(r.highlight, tty)) : r.text;
  return `${n}. ${text}\n   — ${sourceLine(r)}`;
}

export function formatAskText(res: AskResult, tty: boolean): string {
  if (!res.found && res.scope?.missing) {
    const held = res.scope.available.length
      ? `\nHiện có tài liệu về: ${res.scope.available.join('; ')}.`
      : '';
    return `${res.scope.message}${held}`;
  }
  if (!res.found) {
    const notFound =
      'Không tìm thấy đoạn nào trả lời câu hỏi này trong tài liệu. Bạn thử hỏi cách khác, dùng từ có trong văn bản (ví dụ: "chỉ tiêu năm 2025").';
    // Why, when it is known: a document number none of the documents has.
    return res.scope?.message ? `${res.scope.message}\n${notFound}` : notFound;
  }
  const parts: string[] = [];
  if (res.scope?.message) parts.push(res.scope.message);
  if (res.answer) {
    const choices = (res.answer.candidates ?? []).map((c, i) => `  ${i + 1}. ${c}`);
    // The other documents holding such facts, as the bot says.
    const others = otherDocumentsLine(res.answer.others);
    const alsoIn = others ? [`${others}.`] : [];
    parts.push([`Trả lời: ${res.answer.text}`, ...choices, ...alsoIn].join('\n'));
  }
  res.results.forEach((r, i) => parts.push(formatResultText(r, i + 1, tty)));
  return parts.join('\n\n');
}

/** JSON line of the `ask --json` contract. */
export function askJson(res: AskResult): string {
  return JSON.stringify({
    question: res.question,
    found: res.found,
    mode: res.mode,
    answer: res.answer ? res.answer.text : null,
    ...(res.answer?.candidates ? { candidates: res.answer.candidates } : {}),
    ...(res.answer?.others?.length ? { others: res.answer.others } : {}),
    ...(res.scope ? { scope: res.scope } : {}),
    results: res.results.map((r) => ({
      text: r.text,
      score: r.score,
      source: {
        file: r.source.file,
        title: r.source.title,
        section: r.source.section,
        paragraph: r.source.paragraph,
        ...(r.source.page ? { page: r.source.page } : {}),
        unit: r.source.unit ?? null,
        reference: r.source.reference ?? null,
      },
      highlight: r.highlight,
    })),
  });
}

export async function runAsk(
  app: App,
  question: string | undefined,
  opts: { json: boolean; top: number },
  io: { out: (s: string) => void; input: NodeJS.ReadableStream; tty: boolean },
): Promise<number> {
  if (question !== undefined) {
    const res = await app.engine.ask(question, { top: opts.top });
    io.out(opts.json ? askJson(res) : formatAskText(res, io.tty));
    return 0;
  }
  // One question per line on stdin, one JSON object per line out, in order.
  const rl = readline.createInterface({ input: io.input, crlfDelay: Infinity });
  for await (const line of rl) {
    try {
      const res = await app.engine.ask(line, { top: opts.top });
      io.out(opts.json ? askJson(res) : formatAskText(res, io.tty));
    } catch (err) {
      if (!isChithiError(err)) throw err;
      io.out(
        opts.json
          ? JSON.stringify({
              question: line,
              found: false,
              mode: app.engine.mode,
              answer: null,
              results: [],
              error: err.message,
            })
          : err.message,
      );
    }
  }
  return 0;
}
