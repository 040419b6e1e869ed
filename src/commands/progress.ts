/**
 * Progress of a long `chithi ingest` run. On a terminal: one line redrawn in place (files done/total,
 * then passages embedded, passages per second and time left). Elsewhere (a log file, CI, a pipe):
 * plain lines at every tenth of the work, never a control character.
 */

/** Vietnamese number: "100.000", "12,5" (one decimal place at most). */
export function formatNumber(n: number, decimals = 0): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [whole = '0', frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${frac && Number(frac) !== 0 ? `,${frac}` : ''}`;
}

/**
 * A duration for people, rounded up to what matters: "45 giây", "2 phút 05 giây", "1 giờ 05 phút".
 * Returns null when it cannot be known (negative, NaN or infinite), so callers can leave it out.
 */
export function formatDuration(seconds: number): string | null {
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} giây`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    return `${m} phút ${String(s % 60).padStart(2, '0')} giây`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h} giờ ${String(m).padStart(2, '0')} phút`;
}

/** Items per second over `seconds`, or null before anything measurable happened. */
export function ratePerSecond(done: number, seconds: number): number | null {
  return done > 0 && seconds > 0 ? done / seconds : null;
}

/** "85 đoạn/giây" (one decimal below 10: "2,5 đoạn/giây"). */
export function formatRate(perSecond: number, unit: string): string {
  return `${formatNumber(perSecond, perSecond < 10 ? 1 : 0)} ${unit}/giây`;
}

/** Seconds left at the current rate, or null when the rate is unknown. */
export function etaSeconds(done: number, total: number, perSecond: number | null): number | null {
  if (perSecond === null || perSecond <= 0) return null;
  return Math.max(0, total - done) / perSecond;
}

function percent(done: number, total: number): number {
  return total > 0 ? Math.floor((100 * Math.min(done, total)) / total) : 100;
}

/** "Đang nạp tệp 12/340 (3%)". */
export function filesLine(done: number, total: number): string {
  return `Đang nạp tệp ${formatNumber(done)}/${formatNumber(total)} (${percent(done, total)}%)`;
}

/** "Đang tính vectơ: 1.200/5.000 đoạn (24%) · 85 đoạn/giây · còn khoảng 45 giây". */
export function vectorsLine(done: number, total: number, rate: number | null): string {
  const parts = [
    `Đang tính vectơ: ${formatNumber(done)}/${formatNumber(total)} đoạn (${percent(done, total)}%)`,
  ];
  if (rate !== null) {
    parts.push(formatRate(rate, 'đoạn'));
    const eta = done < total ? formatDuration(etaSeconds(done, total, rate) ?? NaN) : null;
    if (eta) parts.push(`còn khoảng ${eta}`);
  }
  return parts.join(' · ');
}

/** Index of the last tenth of the work reached (0–10), for plain-line milestones. */
export function tenth(done: number, total: number): number {
  return total > 0 ? Math.floor((10 * Math.min(done, total)) / total) : 10;
}

/** Where progress goes: process.stderr, or a fake in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface IngestProgressOptions {
  /** Milliseconds clock (default performance.now). */
  now?: () => number;
  /** Minimum milliseconds between two redraws on a terminal. Default 100. */
  redrawMs?: number;
  /**
   * Plain (non-TTY) lines only for runs at least this long, in files or passages to embed, so a
   * three-file ingest prints its summary and nothing else. Default 20.
   */
  minPlainTotal?: number;
}

/** The callbacks App.ingest takes, plus `finish()` to clear the terminal line before the summary. */
export interface IngestProgress {
  onStart(totalFiles: number): void;
  onFile(): void;
  onVectors(done: number, total: number): void;
  finish(): void;
}

/** Progress for `chithi ingest` on `stream` (a redrawn line on a TTY, plain milestone lines otherwise). */
export function createIngestProgress(
  stream: ProgressStream,
  options: IngestProgressOptions = {},
): IngestProgress {
  const now = options.now ?? (() => performance.now());
  const redrawMs = options.redrawMs ?? 100;
  const minPlain = options.minPlainTotal ?? 20;
  const tty = Boolean(stream.isTTY);
  let totalFiles = 0;
  let files = 0;
  // The first report comes after the first batch: the rate counts from there, not from zero.
  let vectorsStart: { at: number; done: number } | null = null;
  let lastDraw = -Infinity;
  let drawn = false;
  let fileTenth = 0;
  let vectorTenth = 0;

  const draw = (line: string, force: boolean) => {
    const t = now();
    if (!force && t - lastDraw < redrawMs) return;
    lastDraw = t;
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    const fitted = line.length > width ? `${line.slice(0, width - 1)}…` : line;
    // \r back to the start of the line, ESC[K clears what a longer previous line left behind.
    stream.write(`\r${fitted}\x1b[K`);
    drawn = true;
  };

  return {
    onStart(total) {
      totalFiles = total;
      if (tty && total > 0) draw(filesLine(0, total), true);
    },
    onFile() {
      files++;
      if (tty) {
        draw(filesLine(files, totalFiles), files === totalFiles);
        return;
      }
      const t = tenth(files, totalFiles);
      if (totalFiles >= minPlain && t > fileTenth) {
        fileTenth = t;
        stream.write(`${filesLine(files, totalFiles)}\n`);
      }
    },
    onVectors(done, total) {
      const t = now();
      const start = (vectorsStart ??= { at: t, done });
      const line = vectorsLine(done, total, ratePerSecond(done - start.done, (t - start.at) / 1000));
      if (tty) {
        draw(line, done >= total);
        return;
      }
      const reached = tenth(done, total);
      if (total >= minPlain && reached > vectorTenth) {
        vectorTenth = reached;
        stream.write(`${line}\n`);
      }
    },
    finish() {
      if (tty && drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
