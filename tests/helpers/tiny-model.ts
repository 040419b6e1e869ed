import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { onnx } from 'onnx-proto';

/**
 * Syllables common in Vietnamese directives and reports (NFC, lowercase). Enough for the tests and
 * the benchmark corpus; anything else becomes [UNK].
 */
export const DEFAULT_TINY_VOCAB: readonly string[] = [
  ...'an ban bảo biên biển bộ cao các cán cấp chỉ chính chống chủ chức chương công cơ cuộc của dân diện dự đạo đảm đảng đầu đấu đề địa điểm đơn đối giải giao giáo giới hành hoạch hoàn hội huấn hợp kế khai khẩn kiểm kinh kết lãnh lực lượng luyện mạnh mục năm nâng ngân nghiêm nghị nhân nhiệm nội phát phòng phối quyết quân quốc quy quyền sách sở sự tác tài tăng thành thiên thực tiêu tỉnh tổ tổng tra tranh triển trình trọng tuyên ủy văn vệ viên vụ xã xây xuất xử y yêu'.split(
    ' ',
  ),
  ...'tới sau trước nay này trong ngoài và với theo về cho đã sẽ đang được có không là những một hai ba tháng quý ngày tuần kỳ hạn phí tiền đồng tỷ triệu'.split(
    ' ',
  ),
  ...'2023 2024 2025 2026 100 50'.split(' '),
  // The e5 prefixes must be real tokens, otherwise "query: " and "passage: " would both become [UNK].
  'query',
  'passage',
  ':',
  '.',
  ',',
];

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

export interface TinyModelOptions {
  /** Syllables of the vocabulary (NFC; lowercased by the tokenizer). Defaults to DEFAULT_TINY_VOCAB. */
  vocab?: readonly string[];
  /**
   * Groups of syllables that share one "meaning" direction, e.g. [['mục', 'chỉ'], ['tới', '2025']]
   * makes "mục tiêu năm tới" close to "chỉ tiêu năm 2025". Syllables not in `vocab` are added.
   */
  meanings?: readonly (readonly string[])[];
  /** Embedding width. Default 64. */
  dims?: number;
  /** Weight of the shared meaning direction against the syllable's own one, 0..1. Default 0.9. */
  meaningWeight?: number;
}

export interface TinyModel {
  dir: string;
  dims: number;
  vocab: string[];
}

/** Deterministic pseudo-random unit vector for a token: seeded by its sha256, so runs agree. */
function hashedDirection(key: string, dims: number): Float32Array {
  const out = new Float32Array(dims);
  let block = 0;
  let i = 0;
  while (i < dims) {
    const digest = createHash('sha256').update(`${key}\u0000${block++}`).digest();
    for (let b = 0; b + 1 < digest.length && i < dims; b += 2) {
      // Two bytes → value in [-1, 1); uniform is enough: in 64 dims random directions are near-orthogonal.
      out[i++] = digest.readUInt16LE(b) / 32768 - 1;
    }
  }
  return unit(out);
}

function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return v.map((x) => x / norm);
}

/** Writes the WordPiece tokenizer files; returns the token → id map. */
function tokenizerFiles(tokens: string[]): { tokenizer: object; tokenizerConfig: object } {
  const vocab: Record<string, number> = {};
  tokens.forEach((t, id) => (vocab[t] = id));
  const id = (t: string): number => vocab[t] as number;
  return {
    tokenizer: {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: SPECIAL_TOKENS.map((t) => ({
        id: id(t),
        content: t,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      })),
      // strip_accents must be false explicitly: with lowercase true, null means "strip" and the
      // Vietnamese diacritics (which carry the meaning) would vanish.
      normalizer: {
        type: 'BertNormalizer',
        clean_text: true,
        handle_chinese_chars: true,
        strip_accents: false,
        lowercase: true,
      },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'BertProcessing',
        sep: ['[SEP]', id('[SEP]')],
        cls: ['[CLS]', id('[CLS]')],
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        continuing_subword_prefix: '##',
        max_input_chars_per_word: 100,
        vocab,
      },
    },
    tokenizerConfig: {
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      strip_accents: false,
      tokenize_chinese_chars: true,
      model_max_length: 512,
      clean_up_tokenization_spaces: true,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    },
  };
}

function int64Input(name: string): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.INT64,
        shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }] },
      },
    },
  };
}

/**
 * The graph is one Gather over a token-embedding table: last_hidden_state = E[input_ids]. Mean
 * pooling in the pipeline then makes a sentence vector the (masked) average of its syllables.
 * attention_mask and token_type_ids are declared so transformers.js feeds them as it would to BERT.
 */
function onnxModel(table: Float32Array, vocabSize: number, dims: number): Uint8Array {
  const model: onnx.IModelProto = {
    irVersion: 8,
    producerName: 'chithi-tests',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'tiny-bert',
      initializer: [
        {
          name: 'word_embeddings',
          dims: [vocabSize, dims],
          dataType: onnx.TensorProto.DataType.FLOAT,
          rawData: new Uint8Array(table.buffer, table.byteOffset, table.byteLength),
        },
      ],
      node: [
        {
          opType: 'Gather',
          input: ['word_embeddings', 'input_ids'],
          output: ['last_hidden_state'],
          attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
        },
      ],
      input: [int64Input('input_ids'), int64Input('attention_mask'), int64Input('token_type_ids')],
      output: [
        {
          name: 'last_hidden_state',
          type: {
            tensorType: {
              elemType: onnx.TensorProto.DataType.FLOAT,
              shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }, { dimValue: dims }] },
            },
          },
        },
      ],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

function isVocab(v: readonly string[] | TinyModelOptions): v is readonly string[] {
  return Array.isArray(v);
}

/**
 * Writes a tiny BERT-like model in the transformers.js folder layout (config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model.onnx) into `dir`. Weights are derived from token hashes, so the
 * same inputs always give the same model; nothing is downloaded. Load with dtype 'fp32'.
 */
export async function createTinyModel(
  dir: string,
  vocabOrOptions: readonly string[] | TinyModelOptions = {},
): Promise<TinyModel> {
  const options: TinyModelOptions = isVocab(vocabOrOptions) ? { vocab: vocabOrOptions } : vocabOrOptions;
  const dims = options.dims ?? 64;
  const weight = options.meaningWeight ?? 0.9;
  const meanings = options.meanings ?? [];
  const syllables = new Set<string>();
  for (const s of [...(options.vocab ?? DEFAULT_TINY_VOCAB), ...meanings.flat()]) {
    const t = s.normalize('NFC').toLowerCase().trim();
    if (t && !SPECIAL_TOKENS.includes(t as (typeof SPECIAL_TOKENS)[number])) syllables.add(t);
  }
  const tokens = [...SPECIAL_TOKENS, ...[...syllables].sort()];

  const meaningOf = new Map<string, number>();
  meanings.forEach((group, g) => {
    for (const s of group) meaningOf.set(s.normalize('NFC').toLowerCase().trim(), g);
  });

  const table = new Float32Array(tokens.length * dims);
  tokens.forEach((token, row) => {
    // [PAD], [CLS], [SEP] stay zero so that padding and framing do not pull sentences together.
    if (token === '[PAD]' || token === '[CLS]' || token === '[SEP]') return;
    let v = hashedDirection(token, dims);
    const g = meaningOf.get(token);
    if (g !== undefined) {
      const shared = hashedDirection(`meaning#${g}`, dims);
      v = unit(shared.map((x, i) => weight * x + (1 - weight) * (v[i] as number)));
    }
    table.set(v, row * dims);
  });

  const { tokenizer, tokenizerConfig } = tokenizerFiles(tokens);
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: dims,
    vocab_size: tokens.length,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    max_position_embeddings: 512,
    pad_token_id: 0,
  };
  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  await Promise.all([
    writeFile(path.join(dir, 'config.json'), JSON.stringify(config, null, 2)),
    writeFile(path.join(dir, 'tokenizer.json'), JSON.stringify(tokenizer)),
    writeFile(path.join(dir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig, null, 2)),
    writeFile(path.join(dir, 'onnx', 'model.onnx'), onnxModel(table, tokens.length, dims)),
  ]);
  return { dir, dims, vocab: tokens };
}
