// Independent Parquet readers for the end-to-end tests (not a test file itself):
// hyparquet (+ hyparquet-compressors for ZSTD/SNAPPY/GZIP), parquet-wasm (arrow-rs) with
// apache-arrow, Polars (nodejs-polars, the Rust engine), and a page walker that decodes the
// page headers of a column chunk.
//
// Every reader returns values in one canonical form so that they compare with each other and
// with DuckDB (see duckCanonicalExpr):
//   string, enum      -> the string
//   int32, int64      -> decimal integer text
//   double            -> the JS number
//   boolean           -> true/false
//   date              -> 'YYYY-MM-DD'
//   timestamp         -> microseconds since the epoch, as decimal text (UTC instant)
//   decimal(18,2)     -> the exact value as text with 2 decimals, e.g. '-1234.50'
//   null              -> null
import { readFileSync } from 'node:fs';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
// hyparquet's page header decoder is not in its package exports; import the module file.
import { parquetHeader } from './node_modules/hyparquet/src/column.js';
import { ParquetFile, readParquet } from 'parquet-wasm';
import { tableFromIPC } from 'apache-arrow';
import pl from 'nodejs-polars';
import { ident } from './lib.mjs';

/** Formats an unscaled integer (BigInt) as a decimal with `scale` digits after the point. */
export function unscaledToText(unscaled, scale = 2) {
  const neg = unscaled < 0n;
  const abs = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${abs.slice(0, abs.length - scale)}.${abs.slice(abs.length - scale)}`;
}

const daysToDate = (days) => new Date(Number(days) * 86_400_000).toISOString().slice(0, 10);

/**
 * SQL expression giving the canonical form of a column in DuckDB (see top of file).
 * `col` is the column name, `type` the schema type.
 */
export function duckCanonicalExpr(col, type) {
  const c = ident(col);
  switch (type) {
    case 'date': return `strftime(${c}, '%Y-%m-%d')`;
    case 'timestamp': return `CAST(epoch_us(${c}) AS VARCHAR)`;
    case 'decimal(18,2)': return `CAST(${c} AS VARCHAR)`;
    case 'int32': case 'int64': return `CAST(${c} AS VARCHAR)`;
    default: return c;
  }
}

/** Canonical form of a DuckDB JS value produced by duckCanonicalExpr. */
export function canonDuck(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  return v;
}

// ---------------------------------------------------------------------------------------
// hyparquet

// Raw values instead of Date objects (hyparquet's Date would drop the microseconds).
const HYP_PARSERS = {
  timestampFromMicroseconds: (us) => BigInt(us),
  timestampFromMilliseconds: (ms) => ({ unexpectedUnit: 'MILLIS', value: BigInt(ms) }),
  timestampFromNanoseconds: (ns) => ({ unexpectedUnit: 'NANOS', value: BigInt(ns) }),
  dateFromDays: (d) => Number(d),
};

/** Canonical form of a hyparquet value for a column of schema type `type`. */
export function canonHyp(v, type) {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'date': return typeof v === 'number' ? daysToDate(v) : `unexpected ${typeof v} ${v}`;
    case 'timestamp': return typeof v === 'bigint' ? v.toString() : `unexpected ${JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x))}`;
    case 'decimal(18,2)':
      // hyparquet scales DECIMAL to a JS number; a raw INT64 (no DECIMAL annotation seen) stays BigInt.
      if (typeof v === 'bigint') return unscaledToText(v);
      return unscaledToText(BigInt(Math.round(v * 100)));
    case 'int32': case 'int64': return String(v);
    default: return v;
  }
}

/** File metadata as hyparquet parses it. */
export async function hypMetadata(file) {
  return parquetMetadataAsync(await asyncBufferFromFile(file));
}

/**
 * Reads `columns` (all when omitted) of every row of a Parquet file with hyparquet.
 * Returns {metadata, rows: [{col: rawValue}]}.
 */
export async function hypRead(file, columns) {
  const buf = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buf);
  const rows = await parquetReadObjects({ file: buf, metadata, compressors, parsers: HYP_PARSERS, columns });
  return { metadata, rows };
}

// ---------------------------------------------------------------------------------------
// parquet-wasm + apache-arrow

/**
 * Reads a Parquet file with parquet-wasm; resolves to an apache-arrow Table. With `columns`,
 * only those (through ParquetFile.read: readParquet ignores its `columns` option in 0.8.0).
 */
export async function pwRead(file, columns) {
  const bytes = readFileSync(file);
  const wasmTable = columns
    ? await (await ParquetFile.fromFile(new Blob([bytes]))).read({ columns })
    : readParquet(new Uint8Array(bytes));
  return tableFromIPC(wasmTable.intoIPCStream());
}

/** Raw slot i of an arrow Vector: [chunk Data, index within its values]. */
function arrowSlot(vector, i) {
  let j = i;
  for (const d of vector.data) {
    if (j < d.length) return [d, j];
    j -= d.length;
  }
  throw new Error(`row ${i} out of range (${vector.length})`);
}

/**
 * Canonical form of row i of an arrow Vector (apache-arrow prints decimals as unscaled
 * values and timestamps as epoch milliseconds, so those are read from the value buffers).
 */
export function canonArrow(vector, i, type) {
  if (!vector.isValid(i)) return null;
  const [d, j] = arrowSlot(vector, i);
  const k = d.offset + j;
  switch (type) {
    case 'timestamp': {
      const unit = String(vector.type);
      if (!unit.startsWith('Timestamp<MICROSECOND')) return `unexpected arrow type ${unit}`;
      return BigInt(d.values[k]).toString();
    }
    case 'decimal(18,2)': {
      // Decimal128: four little-endian 32-bit words, two's complement.
      const w = d.values;
      const stride = (vector.type.bitWidth ?? 128) / 32;
      let u = 0n;
      for (let b = stride - 1; b >= 0; b--) u = (u << 32n) | BigInt(w[k * stride + b]);
      const bits = BigInt(stride * 32);
      if (u >= 1n << (bits - 1n)) u -= 1n << bits;
      return unscaledToText(u, vector.type.scale);
    }
    case 'date': {
      if (!String(vector.type).startsWith('Date32')) return `unexpected arrow type ${vector.type}`;
      return daysToDate(d.values[k]);
    }
    case 'int32': case 'int64': return String(vector.get(i));
    default: return vector.get(i);
  }
}

/** The arrow type name parquet-wasm should give a column of schema type `type`. */
export function arrowTypeName(type) {
  return {
    'string': 'Utf8',
    'string (enum)': 'Utf8',
    'int32': 'Int32',
    'int64': 'Int64',
    'double': 'Float64',
    'boolean': 'Bool',
    'date': 'Date32<DAY>',
    'timestamp': 'Timestamp<MICROSECOND, UTC>',
    'decimal(18,2)': 'Decimal[18e+2]',
  }[type];
}

// ---------------------------------------------------------------------------------------
// Polars

/** The Polars data type (as String(dtype) prints it) of a column of schema type `type`. */
export function polarsTypeName(type) {
  return `DataType(${{
    'string': 'String',
    'string (enum)': 'String',
    'int32': 'Int32',
    'int64': 'Int64',
    'double': 'Float64',
    'boolean': 'Bool',
    'date': 'Date',
    'timestamp': 'Datetime(us,UTC)',
    'decimal(18,2)': 'Decimal(18,2)',
  }[type]})`;
}

/**
 * Reads the `columns` ([{name, type}] of the schema) of a Parquet file with Polars. Returns
 * {height, dtypes: {name: String(dtype)}, rows: Map(file row -> {name: canonical value})}, the
 * rows of `only` (file row numbers) when given, else all: Polars itself turns each value into the
 * canonical form (its JS bindings give dates as Date, without microseconds, and refuse
 * decimals), so what is compared is what Polars decoded.
 */
export function plRead(file, columns, only) {
  const all = pl.readParquet(file, { columns: columns.map((c) => c.name) });
  const dtypes = Object.fromEntries(all.columns.map((name, i) => [name, String(all.dtypes[i])]));
  const df = all.withRowIndex('__row').filter(only ? pl.col('__row').isIn(only) : pl.lit(true));
  const canonical = columns.map((c) => {
    const col = pl.col(c.name);
    switch (c.type) {
      case 'timestamp': return col.cast(pl.Int64).cast(pl.Utf8).alias(c.name);
      case 'date': case 'decimal(18,2)': case 'int32': case 'int64': return col.cast(pl.Utf8).alias(c.name);
      default: return col;
    }
  });
  const rows = new Map(df.select(pl.col('__row'), ...canonical).toRecords().map(({ __row, ...r }) => [Number(__row), r]));
  return { height: all.height, dtypes, rows };
}

/** Canonical form of a value of plRead's rows (already canonical but for missing values). */
export const canonPolars = (v) => (v === undefined ? null : v);

// ---------------------------------------------------------------------------------------
// Page headers

/**
 * The pages of every column chunk of a Parquet file, decoded from the page headers:
 * [{rowGroup, column, codec, pages: [{type, encoding, numValues}]}].
 * `type` is DICTIONARY_PAGE, DATA_PAGE or DATA_PAGE_V2; `encoding` that of the page's values.
 */
export async function columnPages(file) {
  const bytes = readFileSync(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const metadata = await hypMetadata(file);
  const out = [];
  metadata.row_groups.forEach((rg, rgi) => {
    for (const cc of rg.columns) {
      const md = cc.meta_data;
      const dict = md.dictionary_page_offset === undefined ? undefined : Number(md.dictionary_page_offset);
      const start = dict !== undefined && dict > 0 && dict < Number(md.data_page_offset) ? dict : Number(md.data_page_offset);
      const end = start + Number(md.total_compressed_size);
      const pages = [];
      const reader = { view, offset: start };
      while (reader.offset < end) {
        const h = parquetHeader(reader);
        const ph = h.data_page_header ?? h.data_page_header_v2 ?? h.dictionary_page_header;
        pages.push({ type: h.type, encoding: ph?.encoding, numValues: ph?.num_values });
        reader.offset += h.compressed_page_size;
      }
      if (reader.offset !== end) throw new Error(`${file}: pages of ${md.path_in_schema.join('.')} overrun the chunk (${reader.offset} != ${end})`);
      out.push({ rowGroup: rgi, column: md.path_in_schema.join('.'), codec: md.codec, pages });
    }
  });
  return out;
}
