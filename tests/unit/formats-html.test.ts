import { readHtml } from '../../src/ingest/formats/read-html';
import { ExtractedSegment } from '../../src/ingest/types';

function seg(kind: ExtractedSegment['kind'], text: string): ExtractedSegment {
  return { kind, text };
}

describe('readHtml', () => {
  it.each<[string, string, ExtractedSegment[]]>([
    [
      'headings and paragraphs, entities decoded',
      '<h1>Nghị quyết Đảng ủy</h1><p>Bộ đội Biên phòng &amp; Công an tỉnh&nbsp;phối hợp.</p><h2>Phương&#32;hướng</h2>',
      [
        seg('heading', 'Nghị quyết Đảng ủy'),
        seg('paragraph', 'Bộ đội Biên phòng & Công an tỉnh phối hợp.'),
        seg('heading', 'Phương hướng'),
      ],
    ],
    [
      'script, style, nav and comments dropped',
      '<nav><a href="/">Trang chủ</a></nav><style>p{color:red}</style><script>var x = "<p>không</p>";</script><!-- ghi chú --><p>Xây dựng nền biên phòng toàn dân.</p>',
      [seg('paragraph', 'Xây dựng nền biên phòng toàn dân.')],
    ],
    [
      'numbered list keeps numbers, honours start, bullets get "-"',
      '<ol start="3"><li>Nắm chắc tình hình.</li><li>Đấu tranh phòng, chống tội phạm.</li></ol><ul><li>Hậu cần</li></ul>',
      [
        seg('list-item', '3. Nắm chắc tình hình.'),
        seg('list-item', '4. Đấu tranh phòng, chống tội phạm.'),
        seg('list-item', '- Hậu cần'),
      ],
    ],
    [
      'nested list: the parent item first, then its children',
      '<ol><li>Công tác biên phòng<ul><li>tuần tra</li><li>kiểm soát</li></ul></li><li>Xây dựng Đảng</li></ol>',
      [
        seg('list-item', '1. Công tác biên phòng'),
        seg('list-item', '- tuần tra'),
        seg('list-item', '- kiểm soát'),
        seg('list-item', '2. Xây dựng Đảng'),
      ],
    ],
    [
      'table rows as paragraphs, cells joined by " | "',
      '<table><thead><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr></thead><tbody><tr><td><p>Vụ việc</p></td><td>100%</td></tr></tbody></table>',
      [seg('paragraph', 'Chỉ tiêu | Kết quả'), seg('paragraph', 'Vụ việc | 100%')],
    ],
    [
      'inline markup joins, <br><br> splits paragraphs',
      '<div>Đồng chí <b>Ngô Văn Lãng</b>, Bí thư<br>Đảng ủy<br><br>Chính ủy BĐBP tỉnh</div>',
      [seg('paragraph', 'Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy'), seg('paragraph', 'Chính ủy BĐBP tỉnh')],
    ],
  ])('%s', (_name, html, expected) => {
    expect(readHtml(`<html><body>${html}</body></html>`).segments).toEqual(expected);
  });

  it.each([
    [
      '<title> wins',
      '<head><title>Tin  Biên phòng</title></head><body><h1>Khác</h1></body>',
      'Tin Biên phòng',
    ],
    [
      'first heading without <title>',
      '<body><p>Mở đầu</p><h2>Nghị quyết năm 2025</h2></body>',
      'Nghị quyết năm 2025',
    ],
    ['none', '<body><p>Chỉ có đoạn văn</p></body>', undefined],
  ])('title: %s', (_name, html, title) => {
    expect(readHtml(`<html>${html}</html>`).title).toBe(title);
  });
});
