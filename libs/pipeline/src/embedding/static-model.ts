import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';
import { NotStaticGraphError, readStaticGraph } from './static-graph.js';
import { UnsupportedTokenizerError, WordPieceTokenizer } from './wordpiece-tokenizer.js';

/** What every thread needs to embed with a static model; all of it can be posted to a worker. */
export interface StaticModelData {
  readonly tokenizerJson: string;
  readonly tokenizerConfigJson: string;
  /** The [vocabSize, dimension] float32 table, shared by every thread rather than copied. */
  readonly table: SharedArrayBuffer;
  readonly dimension: number;
}

export type StaticModelProbe =
  | { readonly isStatic: true; readonly data: StaticModelData; readonly tokenizer: WordPieceTokenizer }
  | { readonly isStatic: false; readonly reason: string };

/**
 * Finds out whether `modelId` in `modelsDir` is a static embedding model this process can run
 * without ONNX: the file transformers.js would load (onnx/model.onnx) is exactly a table lookup,
 * and its tokenizer is one WordPieceTokenizer reproduces. Anything else, a model that is missing
 * included, is `isStatic: false` with the reason, and stays with transformers.js.
 */
export async function probeStaticModel(modelsDir: string, modelId: string): Promise<StaticModelProbe> {
  const dir = path.join(modelsDir, modelId);
  try {
    const config: unknown = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8'));
    const otherFile = otherModelFile(config);
    if (otherFile !== null) return { isStatic: false, reason: otherFile };
    const [modelBytes, tokenizerJson, tokenizerConfigJson] = await Promise.all([
      readFile(path.join(dir, 'onnx', 'model.onnx')),
      readFile(path.join(dir, 'tokenizer.json'), 'utf8'),
      readFile(path.join(dir, 'tokenizer_config.json'), 'utf8'),
    ]);
    const graph = readStaticGraph(modelBytes);
    const tokenizer = new WordPieceTokenizer(JSON.parse(tokenizerJson), JSON.parse(tokenizerConfigJson));
    if (tokenizer.maxTokenId >= graph.vocabSize) return { isStatic: false, reason: 'the tokenizer has ids beyond the embedding table' };
    // ONNX stores little-endian floats; a Float32Array reads them only on a little-endian machine.
    if (endianness() !== 'LE') return { isStatic: false, reason: 'this machine is big-endian' };
    const table = new SharedArrayBuffer(graph.bytes.byteLength);
    new Uint8Array(table).set(graph.bytes);
    return { isStatic: true, data: { tokenizerJson, tokenizerConfigJson, table, dimension: graph.dimension }, tokenizer };
  } catch (error) {
    if (error instanceof NotStaticGraphError || error instanceof UnsupportedTokenizerError) return { isStatic: false, reason: error.message };
    // Missing or unreadable files: transformers.js will load the model its way or say why it cannot.
    return { isStatic: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * transformers.js reads `transformers.js_config` in config.json: a dtype other than fp32, another
 * device or external weights make it load a different file than onnx/model.onnx, or run it elsewhere.
 */
function otherModelFile(config: unknown): string | null {
  if (typeof config !== 'object' || config === null) return 'config.json is not an object';
  const options: unknown = (config as Record<string, unknown>)['transformers.js_config'];
  if (options === undefined) return null;
  if (typeof options !== 'object' || options === null) return 'transformers.js_config is not an object';
  const { dtype, device, use_external_data_format: external } = options as Record<string, unknown>;
  if (dtype !== undefined && dtype !== 'fp32') return `transformers.js loads the ${JSON.stringify(dtype)} weights`;
  if (device !== undefined && device !== 'cpu') return `transformers.js runs the model on ${JSON.stringify(device)}`;
  if (external !== undefined && external !== false) return 'the weights are stored outside the model file';
  return null;
}
