// Step 3 of the format-sample generator: Arrow IPC files written by apache-arrow (JS), an Arrow implementation
// independent of the .NET one the module may use.
//
//     (cd tools/FormatSamples && npm ci)                  # apache-arrow, pinned in package.json / package-lock.json
//     node tools/FormatSamples/arrow.mjs tests/data/formats
//
// or all steps at once: bash tools/FormatSamples/generate.sh. Reads <out>/samples.csv (step 1) and writes
// <out>/arrow/: IPC files (.arrow, and .feather: Feather v2 is the IPC file format) and IPC streams (.arrows), each
// with four record batches of at most 64 rows; List<Float32> and List<Float64> logits, wide Float32/Float64 columns,
// Int32/Int64 labels and dictionary-encoded (Dictionary<Int32, Utf8>) class-name labels, one dictionary per file;
// and a stream with damaged lists (K-1 and K+1 numbers, a null element, a null list). Then it reads each file back
// with apache-arrow's reader and checks every value bit for bit against samples.csv.
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Field, Schema, Struct, List, Float32, Float64, Int32, Int64, Utf8, Dictionary,
  makeData, vectorFromArray, RecordBatch, RecordBatchFileWriter, RecordBatchStreamWriter, tableFromIPC,
} from 'apache-arrow';

const K = 5;
const BATCH = 64;
const CLASSES = ['ant', 'bee', 'cat', 'dog', 'eel'];
const DAMAGE = { short: 17, long: 130, nullElement: 70, nullList: 150 };   // 0-based rows, as in samples.py

const out = process.argv[2];
if (!out) { console.error('usage: node tools/FormatSamples/arrow.mjs <out dir, e.g. tests/data/formats>'); process.exit(2); }
mkdirSync(join(out, 'arrow'), { recursive: true });

// samples.csv: id, logit_0..logit_{K-1}, label, label_name, weight (doubles as Python's repr: Number() reads them exactly)
const rows = readFileSync(join(out, 'samples.csv'), 'utf8').trim().split('\n').slice(1).map(line => {
  const f = line.split(',');
  return { id: Number(f[0]), logits: f.slice(1, 1 + K).map(Number), label: Number(f[1 + K]), weight: Number(f[3 + K]) };
});

function bitmap(valid) {
  const bits = new Uint8Array(Math.ceil(valid.length / 8));
  valid.forEach((v, i) => { if (v) bits[i >> 3] |= 1 << (i & 7); });
  return bits;
}

function primitive(type, values) {
  const Array_ = type instanceof Float32 ? Float32Array : type instanceof Float64 ? Float64Array
    : type instanceof Int32 ? Int32Array : BigInt64Array;
  const data = type instanceof Int64 ? BigInt64Array.from(values.map(BigInt)) : Array_.from(values);
  return makeData({ type, length: values.length, data });
}

// A list column from per-row arrays; null (the list) and null elements allowed.
function list(type, lists) {
  const item = type.children[0].type;
  const offsets = new Int32Array(lists.length + 1);
  const flat = [];
  const flatValid = [];
  lists.forEach((l, i) => {
    for (const v of l ?? []) { flat.push(v ?? 0); flatValid.push(v !== null); }
    offsets[i + 1] = flat.length;
  });
  const child = makeData({
    type: item, length: flat.length, data: item instanceof Float32 ? Float32Array.from(flat) : Float64Array.from(flat),
    nullCount: flatValid.filter(v => !v).length, nullBitmap: flatValid.every(v => v) ? undefined : bitmap(flatValid),
  });
  const valid = lists.map(l => l !== null);
  return makeData({
    type, length: lists.length, valueOffsets: offsets, child,
    nullCount: valid.filter(v => !v).length, nullBitmap: valid.every(v => v) ? undefined : bitmap(valid),
  });
}

const listOf = item => new List(new Field('item', item, true));
const labelDictionary = vectorFromArray(CLASSES, new Utf8());
const dictType = () => new Dictionary(new Utf8(), new Int32(), 0, false);

function dictionary(type, codes) {
  return makeData({ type, length: codes.length, data: Int32Array.from(codes), dictionary: labelDictionary });
}

// Each file: a list of [name, type, (rows of one batch) => Data] columns.
function batches(columns, source) {
  const schema = new Schema(columns.map(([name, type]) => new Field(name, type, true)));
  const result = [];
  for (let start = 0; start < source.length; start += BATCH) {
    const part = source.slice(start, start + BATCH);
    const children = columns.map(([, type, make]) => make(part, type));
    result.push(new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: part.length, children })));
  }
  return { schema, result };
}

const id = ['id', new Int64(), (p, t) => primitive(t, p.map(r => r.id))];
const weight = ['weight', new Float64(), (p, t) => primitive(t, p.map(r => r.weight))];
const labelInt32 = ['label', new Int32(), (p, t) => primitive(t, p.map(r => r.label))];
const labelInt64 = ['label', new Int64(), (p, t) => primitive(t, p.map(r => r.label))];
const labelNames = () => ['label', dictType(), (p, t) => dictionary(t, p.map(r => r.label))];
const logitsList = item => ['logits', listOf(item), (p, t) => list(t, p.map(r => r.logits))];
const wide = item => Array.from({ length: K }, (_, c) => [`logit_${c}`, item, (p, t) => primitive(t, p.map(r => r.logits[c]))]);
const damagedList = ['logits', listOf(new Float32()), (p, t) => list(t, p.map(r =>
  r.id === DAMAGE.short ? r.logits.slice(0, K - 1)
    : r.id === DAMAGE.long ? [...r.logits, 0]
      : r.id === DAMAGE.nullElement ? r.logits.map((v, c) => (c === 2 ? null : v))
        : r.id === DAMAGE.nullList ? null : r.logits))];

const files = [
  ['list-f32.arrow', 'file', [id, logitsList(new Float32()), labelInt32, weight]],
  ['list-f64-dict.feather', 'file', [id, logitsList(new Float64()), labelNames(), weight]],
  ['list-f32-dict.arrows', 'stream', [id, logitsList(new Float32()), labelNames(), weight]],
  ['wide-f64.arrows', 'stream', [id, ...wide(new Float64()), labelInt64, weight]],
  ['wide-f32-dict.arrow', 'file', [id, ...wide(new Float32()), labelNames(), weight]],
  ['dirty-list-f32.arrows', 'stream', [id, damagedList, labelInt32]],
];

for (const [name, kind, columns] of files) {
  const { schema, result } = batches(columns, rows);
  const writer = kind === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
  writer.reset(undefined, schema);
  for (const b of result) writer.write(b);
  writer.finish();
  const bytes = writer.toUint8Array(true);
  writeFileSync(join(out, 'arrow', name), bytes);
  check(name, bytes);
  console.log(`arrow/${name}: ${bytes.length} bytes, ${result.length} record batches, checked`);
}
// Feather v2 is the Arrow IPC file format: the same bytes under the other name.
copyFileSync(join(out, 'arrow', 'list-f32.arrow'), join(out, 'arrow', 'list-f32.feather'));
console.log('arrow/list-f32.feather: a copy of list-f32.arrow');

function same(what, got, want) {
  if (!Object.is(got, want)) throw new Error(`${what}: stored ${got}, samples.csv gives ${want}`);
}

function check(name, bytes) {
  const table = tableFromIPC(bytes);
  if (table.batches.length !== Math.ceil(rows.length / BATCH)) throw new Error(`${name}: ${table.batches.length} batches`);
  if (table.numRows !== rows.length) throw new Error(`${name}: ${table.numRows} rows`);
  const f32 = name.includes('f32');
  const round = v => (f32 ? Math.fround(v) : v);
  const dirty = name.startsWith('dirty');
  rows.forEach((r, i) => {
    const row = table.get(i);
    same(`${name} row ${i} id`, Number(row.id), r.id);
    const label = row.label;
    same(`${name} row ${i} label`, typeof label === 'string' ? CLASSES.indexOf(label) : Number(label), r.label);
    if (row.weight !== undefined && table.schema.fields.some(f => f.name === 'weight')) same(`${name} row ${i} weight`, row.weight, r.weight);
    let got;
    if (table.schema.fields.some(f => f.name === 'logits')) {
      const l = row.logits;
      got = l === null ? null : Array.from({ length: l.length }, (_, c) => l.get(c));
    } else {
      got = Array.from({ length: K }, (_, c) => row[`logit_${c}`]);
    }
    if (dirty && Object.values(DAMAGE).includes(r.id)) {
      const ok = r.id === DAMAGE.nullList ? got === null
        : r.id === DAMAGE.short ? got.length === K - 1
          : r.id === DAMAGE.long ? got.length === K + 1 : got[2] === null && got.length === K;
      if (!ok) throw new Error(`${name} row ${i}: damage not stored`);
      return;
    }
    r.logits.forEach((v, c) => same(`${name} row ${i} class ${c}`, got[c], round(v)));
  });
}
