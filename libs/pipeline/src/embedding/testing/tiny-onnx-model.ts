import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** The stand-in model's tokenizer files, which the tiny models reuse (its vocabulary sets the table's rows). */
const stubDir = fileURLToPath(new URL('../../../../../models/repolens/code-embed-stub/', import.meta.url));
const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'];
const VOCAB_SIZE = 30_522;

/**
 * Graph shapes for tests: `gather` is a table lookup alone, `gather-mask` a lookup times the mask
 * (through Identity and a Constant node, as exporters write it), `relu` a lookup followed by a
 * computation, which is not a static model.
 */
export type TinyGraphKind = 'gather' | 'gather-mask' | 'relu';

export interface TinyModelOptions {
  readonly kind: TinyGraphKind;
  readonly dimension?: number;
  /** Written as config.json's `transformers.js_config`. */
  readonly transformersJsConfig?: Record<string, unknown>;
}

/**
 * Writes a small model in transformers.js layout under `modelsDir/<modelId>`: the stand-in model's
 * tokenizer and a graph of the given shape over a pseudo-random table with positive and negative values.
 */
export async function writeTinyModel(modelsDir: string, modelId: string, options: TinyModelOptions): Promise<void> {
  const dimension = options.dimension ?? 8;
  const dir = path.join(modelsDir, modelId);
  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  for (const file of TOKENIZER_FILES) await copyFile(path.join(stubDir, file), path.join(dir, file));
  const config = {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: dimension,
    ...(options.transformersJsConfig === undefined ? {} : { 'transformers.js_config': options.transformersJsConfig }),
  };
  await writeFile(path.join(dir, 'config.json'), JSON.stringify(config));
  await writeFile(path.join(dir, 'onnx', 'model.onnx'), tinyModelBytes(options.kind, dimension));
}

function tinyModelBytes(kind: TinyGraphKind, dimension: number): Uint8Array {
  const table = new Float32Array(VOCAB_SIZE * dimension);
  let state = 12_345;
  for (let index = 0; index < table.length; index += 1) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    table[index] = state / 2 ** 31 - 1;
  }
  const intInput = (name: string): onnxProto.onnx.IValueInfoProto => ({
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }] } } },
  });
  const output: onnxProto.onnx.IValueInfoProto = {
    name: 'last_hidden_state',
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }, { dimValue: dimension }] },
      },
    },
  };
  const gather: onnxProto.onnx.INodeProto = {
    opType: 'Gather',
    input: ['table', 'input_ids'],
    output: [kind === 'gather' ? 'last_hidden_state' : 'rows'],
    attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
  };
  const nodes: onnxProto.onnx.INodeProto[] = [gather];
  if (kind === 'relu') nodes.push({ opType: 'Relu', input: ['rows'], output: ['last_hidden_state'] });
  if (kind === 'gather-mask') {
    nodes.push(
      {
        opType: 'Constant',
        output: ['axes'],
        attribute: [
          {
            name: 'value',
            type: onnx.AttributeProto.AttributeType.TENSOR,
            t: { dataType: onnx.TensorProto.DataType.INT64, dims: [1], int64Data: [2] },
          },
        ],
      },
      { opType: 'Unsqueeze', input: ['attention_mask', 'axes'], output: ['mask_column'] },
      {
        opType: 'Cast',
        input: ['mask_column'],
        output: ['mask_float'],
        attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT }],
      },
      { opType: 'Identity', input: ['rows'], output: ['rows_again'] },
      { opType: 'Mul', input: ['mask_float', 'rows_again'], output: ['last_hidden_state'] },
    );
  }
  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'repolens-tiny-test-model',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: `tiny-${kind}`,
      input: [intInput('input_ids'), intInput('attention_mask'), intInput('token_type_ids')],
      output: [output],
      initializer: [
        {
          name: 'table',
          dataType: onnx.TensorProto.DataType.FLOAT,
          dims: [VOCAB_SIZE, dimension],
          rawData: new Uint8Array(table.buffer),
        },
      ],
      node: nodes,
    },
  }).finish();
}
