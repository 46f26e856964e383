// Writes a static embedding model (one vector per token, no context) as an ONNX graph that
// transformers.js loads like any hub model:
//   last_hidden_state = Gather(table, input_ids) * attention_mask
// The feature-extraction pipeline's mean pooling and L2 normalisation then make the text's vector.
// Shared by the stub model (scripts/make-stub-model.mjs) and the trained one
// (tools/embedding-model/export-model.ts), so both go through one graph definition.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

const OPSET = 17;
const IR_VERSION = 8;

function int64Input(name) {
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
 * The ONNX bytes of a static embedding model.
 * @param {{ table: Float32Array, vocabSize: number, dimension: number, graphName: string, producerName: string }} model
 * @returns {Uint8Array}
 */
export function encodeStaticEmbeddingModel({ table, vocabSize, dimension, graphName, producerName }) {
  if (table.length !== vocabSize * dimension) {
    throw new Error(`table has ${table.length} values; expected ${vocabSize} × ${dimension}`);
  }
  const graph = {
    name: graphName,
    input: [int64Input('input_ids'), int64Input('attention_mask'), int64Input('token_type_ids')],
    output: [
      {
        name: 'last_hidden_state',
        type: {
          tensorType: {
            elemType: onnx.TensorProto.DataType.FLOAT,
            shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }, { dimValue: dimension }] },
          },
        },
      },
    ],
    initializer: [
      {
        name: 'embedding_table',
        dataType: onnx.TensorProto.DataType.FLOAT,
        dims: [vocabSize, dimension],
        rawData: new Uint8Array(table.buffer, table.byteOffset, table.byteLength),
      },
      { name: 'last_axis', dataType: onnx.TensorProto.DataType.INT64, dims: [1], int64Data: [-1] },
    ],
    node: [
      {
        opType: 'Gather',
        input: ['embedding_table', 'input_ids'],
        output: ['token_vectors'],
        attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
      },
      {
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask_float'],
        attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT }],
      },
      { opType: 'Unsqueeze', input: ['mask_float', 'last_axis'], output: ['mask_column'] },
      // Padding positions become zero vectors, as a real encoder's masked outputs would not matter.
      { opType: 'Mul', input: ['token_vectors', 'mask_column'], output: ['last_hidden_state'] },
    ],
  };
  // token_type_ids is accepted (BERT tokenizers produce it) but plays no part.
  return onnx.ModelProto.encode({
    irVersion: IR_VERSION,
    producerName,
    producerVersion: '1',
    opsetImport: [{ domain: '', version: OPSET }],
    graph,
  }).finish();
}

/**
 * Writes `config.json` and `onnx/model.onnx` of a static embedding model into `modelDir`
 * (the tokenizer files are the caller's business). Returns the ONNX file's size in bytes.
 * @param {{ modelDir: string, table: Float32Array, vocabSize: number, dimension: number, graphName: string,
 *   producerName: string, repolens: Record<string, unknown> }} model
 * @returns {Promise<number>}
 */
export async function writeStaticEmbeddingModel({ modelDir, repolens, ...model }) {
  const bytes = encodeStaticEmbeddingModel(model);
  const modelFile = path.join(modelDir, 'onnx', 'model.onnx');
  await mkdir(path.dirname(modelFile), { recursive: true });
  const config = {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: model.dimension,
    vocab_size: model.vocabSize,
    max_position_embeddings: 512,
    pad_token_id: 0,
    repolens,
  };
  await writeAtomically(path.join(modelDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  await writeAtomically(modelFile, bytes);
  return bytes.length;
}

/**
 * Write then rename, so concurrent builds or tests never read half a file.
 * @param {string} file
 * @param {string | Uint8Array} data
 */
export async function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}
