import { splitSentences } from '../../src/text/sentences';

describe('splitSentences', () => {
  it.each([
    [
      'two sentences',
      'Công tác có tiến bộ. Trận địa tư tưởng được giữ vững.',
      ['Công tác có tiến bộ.', 'Trận địa tư tưởng được giữ vững.'],
    ],
    [
      'TP. abbreviation',
      'Đoàn công tác tại TP. Hồ Chí Minh đã về. Sau đó họp.',
      ['Đoàn công tác tại TP. Hồ Chí Minh đã về.', 'Sau đó họp.'],
    ],
    [
      'Th.S and đ/c',
      'Báo cáo của Th.S Nguyễn Văn An được thông qua.',
      ['Báo cáo của Th.S Nguyễn Văn An được thông qua.'],
    ],
    [
      'thousands dot',
      'Hướng dẫn 2.300 lượt tàu cá. Tiếp tục tuyên truyền.',
      ['Hướng dẫn 2.300 lượt tàu cá.', 'Tiếp tục tuyên truyền.'],
    ],
    [
      'decimal comma',
      'GRDP tăng 9,5%. Thu ngân sách vượt dự toán.',
      ['GRDP tăng 9,5%.', 'Thu ngân sách vượt dự toán.'],
    ],
    [
      'end mark ./.',
      'Bảo đảm an ninh trong dịp tết của tỉnh nhà./.',
      ['Bảo đảm an ninh trong dịp tết của tỉnh nhà./.'],
    ],
    [
      'end mark then more',
      'Kết thúc hội nghị./. Nơi nhận: như trên.',
      ['Kết thúc hội nghị./.', 'Nơi nhận: như trên.'],
    ],
    [
      'sentence starting with a year',
      'Hoàn thành năm 2024. 2025 là năm cuối nhiệm kỳ.',
      ['Hoàn thành năm 2024.', '2025 là năm cuối nhiệm kỳ.'],
    ],
    [
      'question and exclamation',
      'Ai chủ trì? Đồng chí Bí thư! Xong.',
      ['Ai chủ trì?', 'Đồng chí Bí thư!', 'Xong.'],
    ],
    [
      'lowercase after a dot does not split',
      'Theo Nghị quyết số 62/NQ-HĐND ngày 10/12/2024. đã thông qua',
      ['Theo Nghị quyết số 62/NQ-HĐND ngày 10/12/2024. đã thông qua'],
    ],
    [
      'date ending a sentence',
      'Có hiệu lực từ ngày 10/12/2024. Các quy định khác giữ nguyên.',
      ['Có hiệu lực từ ngày 10/12/2024.', 'Các quy định khác giữ nguyên.'],
    ],
    [
      'closing bracket and quote',
      'Chương trình "Xuân Biên phòng." Tiếp theo (xem ảnh.) Hết.',
      ['Chương trình "Xuân Biên phòng."', 'Tiếp theo (xem ảnh.)', 'Hết.'],
    ],
    ['empty', '   ', []],
  ])('%s', (_name, input, expected) => {
    expect(splitSentences(input)).toEqual(expected);
  });
});
