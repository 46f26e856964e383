import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type Graph = onnxProto.onnx.IGraphProto;
type Node = onnxProto.onnx.INodeProto;
type Tensor = onnxProto.onnx.ITensorProto;

/** Names the feature-extraction pipeline reads its token vectors from, in its order of preference. */
const HIDDEN_STATE_OUTPUTS = new Set(['last_hidden_state', 'logits', 'token_embeddings']);

/** Why a graph is not a static embedding model; callers keep the transformers.js path. */
export class NotStaticGraphError extends Error {
  override readonly name = 'NotStaticGraphError';
}

/** The embedding table of a static graph, as stored in the model file. */
export interface StaticGraphTable {
  readonly vocabSize: number;
  readonly dimension: number;
  /** Little-endian float32 values, row by row; a view into the decoded model file. */
  readonly bytes: Uint8Array;
}

/**
 * Checks that an ONNX model is exactly a static embedding model: its one output is
 * `Gather(table, input_ids)`, optionally multiplied by the attention mask (cast to float and
 * unsqueezed on the last axis), with the table an initializer and no other computation in the graph.
 * Returns the table; throws NotStaticGraphError saying what differs.
 */
export function readStaticGraph(modelBytes: Uint8Array): StaticGraphTable {
  let graph: Graph | null | undefined;
  try {
    graph = onnx.ModelProto.decode(modelBytes).graph;
  } catch (error) {
    throw new NotStaticGraphError(`not a readable ONNX model (${error instanceof Error ? error.message : String(error)})`);
  }
  if (graph === null || graph === undefined) throw new NotStaticGraphError('the model has no graph');
  return new GraphReader(graph).table();
}

class GraphReader {
  readonly #inputs: Set<string>;
  readonly #initializers = new Map<string, Tensor>();
  readonly #producers = new Map<string, Node>();
  readonly #visited = new Set<Node>();
  readonly #graph: Graph;

  constructor(graph: Graph) {
    this.#graph = graph;
    this.#inputs = new Set((graph.input ?? []).map((input) => input.name ?? ''));
    for (const tensor of graph.initializer ?? []) this.#initializers.set(tensor.name ?? '', tensor);
    for (const node of graph.node ?? []) for (const output of node.output ?? []) this.#producers.set(output, node);
  }

  table(): StaticGraphTable {
    const outputs = this.#graph.output ?? [];
    const output = outputs[0]?.name ?? '';
    if (outputs.length !== 1 || !HIDDEN_STATE_OUTPUTS.has(output)) {
      throw new NotStaticGraphError(`expected one output named last_hidden_state, found ${outputs.map((o) => o.name).join(', ')}`);
    }
    const root = this.#node(output);
    let gather = root;
    if (root.opType === 'Mul') {
      const [left, right] = (root.input ?? []).map((name) => this.#node(name));
      if (left === undefined || right === undefined) throw new NotStaticGraphError('Mul without two inputs');
      gather = left.opType === 'Gather' ? left : right;
      this.#expectMask(gather === left ? right : left);
    }
    const table = this.#expectGather(gather);
    const unused = (this.#graph.node ?? []).filter((node) => !this.#visited.has(node));
    if (unused.length > 0) throw new NotStaticGraphError(`the graph has other nodes (${unused.map((n) => n.opType).join(', ')})`);
    return table;
  }

  /** The node producing `name`, looking through Identity nodes. */
  #node(name: string): Node {
    const node = this.#producers.get(name);
    if (node === undefined) throw new NotStaticGraphError(`${name} is not computed by the graph`);
    this.#visited.add(node);
    if (node.opType === 'Identity') return this.#node(node.input?.[0] ?? '');
    return node;
  }

  /** The graph input `name` refers to, looking through Identity nodes. */
  #graphInput(name: string): string | undefined {
    if (this.#inputs.has(name) && !this.#initializers.has(name)) return name;
    const node = this.#producers.get(name);
    if (node?.opType !== 'Identity') return undefined;
    this.#visited.add(node);
    return this.#graphInput(node.input?.[0] ?? '');
  }

  #expectGather(node: Node): StaticGraphTable {
    if (node.opType !== 'Gather') throw new NotStaticGraphError(`the output comes from ${node.opType}, not Gather`);
    const axis = node.attribute?.find((attribute) => attribute.name === 'axis');
    if (axis !== undefined && toNumber(axis.i) !== 0) throw new NotStaticGraphError('Gather is not on the table rows');
    const [tableName = '', indices = ''] = node.input ?? [];
    if (this.#graphInput(indices) !== 'input_ids') throw new NotStaticGraphError('Gather does not index by input_ids');
    const tensor = this.#initializers.get(tableName);
    if (tensor === undefined) throw new NotStaticGraphError('the gathered table is not stored in the model');
    return tableOf(tensor);
  }

  /** The mask operand: attention_mask, cast to float, with a trailing axis added once. */
  #expectMask(start: Node): void {
    let node: Node | undefined = start;
    let unsqueezed = false;
    // Only the outermost cast decides the type Mul sees; inner ones keep 0 and 1 as they are.
    let castToFloat: boolean | undefined;
    while (node !== undefined) {
      if (node.opType === 'Cast') {
        castToFloat ??= toNumber(node.attribute?.find((attribute) => attribute.name === 'to')?.i) === onnx.TensorProto.DataType.FLOAT;
      } else if (node.opType === 'Unsqueeze' && !unsqueezed) {
        const axes = this.#unsqueezeAxes(node);
        if (axes.length !== 1 || (axes[0] !== -1 && axes[0] !== 2)) throw new NotStaticGraphError('the mask is unsqueezed on another axis');
        unsqueezed = true;
      } else {
        throw new NotStaticGraphError(`the mask goes through ${node.opType}`);
      }
      const source: string = node.input?.[0] ?? '';
      if (this.#graphInput(source) === 'attention_mask') break;
      node = this.#node(source);
    }
    if (!unsqueezed || castToFloat !== true) throw new NotStaticGraphError('the mask is not a float column');
  }

  #unsqueezeAxes(node: Node): number[] {
    const attribute = node.attribute?.find((candidate) => candidate.name === 'axes');
    if (attribute !== undefined) return (attribute.ints ?? []).map(toNumber);
    const name = node.input?.[1] ?? '';
    const tensor = this.#initializers.get(name) ?? this.#constant(name);
    if (tensor === undefined) throw new NotStaticGraphError('the mask is unsqueezed on computed axes');
    if ((tensor.int64Data ?? []).length > 0) return (tensor.int64Data ?? []).map(toNumber);
    const raw = tensor.rawData ?? new Uint8Array();
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    return Array.from({ length: raw.byteLength / 8 }, (_, index) => Number(view.getBigInt64(index * 8, true)));
  }

  /** The value of a Constant node's output, marking the node as part of the static graph. */
  #constant(name: string): Tensor | undefined {
    const node = this.#producers.get(name);
    if (node?.opType !== 'Constant') return undefined;
    this.#visited.add(node);
    return node.attribute?.find((attribute) => attribute.name === 'value')?.t ?? undefined;
  }
}

function tableOf(tensor: Tensor): StaticGraphTable {
  if (tensor.dataType !== onnx.TensorProto.DataType.FLOAT) throw new NotStaticGraphError('the table is not float32');
  if (tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) throw new NotStaticGraphError('the table is stored outside the model file');
  const dims = (tensor.dims ?? []).map(toNumber);
  const [vocabSize = 0, dimension = 0] = dims;
  if (dims.length !== 2 || vocabSize <= 0 || dimension <= 0) throw new NotStaticGraphError(`the table has shape [${dims.join(', ')}]`);
  const values = vocabSize * dimension;
  if (tensor.rawData !== null && tensor.rawData !== undefined && tensor.rawData.byteLength > 0) {
    if (tensor.rawData.byteLength !== values * 4) throw new NotStaticGraphError('the table data does not match its shape');
    return { vocabSize, dimension, bytes: tensor.rawData };
  }
  const floats = tensor.floatData ?? [];
  if (floats.length !== values) throw new NotStaticGraphError('the table data does not match its shape');
  const bytes = new Uint8Array(values * 4);
  const view = new DataView(bytes.buffer);
  floats.forEach((value, index) => view.setFloat32(index * 4, value, true));
  return { vocabSize, dimension, bytes };
}

/** protobufjs gives 64-bit integers as numbers or as Long objects, depending on what is installed. */
function toNumber(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}
