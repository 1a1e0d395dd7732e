// Reads a Parquet file with hyparquet (an implementation independent of Parquet.Net) and prints
// JSON: row count, row groups, columns (name, physical type, logical/converted type, repetition),
// the footer key-value metadata, and the first rows. With --all every column's values are printed.
// Doubles print in JavaScript's shortest round-trip form, so a reader that parses them gets the
// same IEEE value back; NaN and infinities, which JSON lacks, print as the strings "NaN",
// "Infinity", "-Infinity"; INT64 values print as numbers when they fit 2^53, else as strings.
//
// Usage: node read.mjs FILE [--head N] [--all]
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet'

const args = process.argv.slice(2)
const file = args.find(a => !a.startsWith('--'))
if (!file) {
  process.stderr.write('usage: node read.mjs FILE [--head N] [--all]\n')
  process.exit(2)
}
const headIndex = args.indexOf('--head')
const head = headIndex >= 0 ? Number(args[headIndex + 1]) : 5
const all = args.includes('--all')

function plain(value) {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString()
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  return value
}

try {
  const buffer = await asyncBufferFromFile(file)
  const metadata = await parquetMetadataAsync(buffer)
  const tree = parquetSchema(metadata)
  const columns = tree.children.map(child => ({
    name: child.element.name,
    type: child.element.type ?? 'GROUP',
    converted_type: child.element.converted_type ?? null,
    logical_type: child.element.logical_type?.type ?? null,
    repetition: child.element.repetition_type ?? null,
  }))
  const rows = await parquetReadObjects({ file: buffer, metadata, rowEnd: all ? undefined : Math.min(head, Number(metadata.num_rows)) })
  const keyValue = {}
  for (const kv of metadata.key_value_metadata ?? []) keyValue[kv.key] = kv.value ?? null
  const result = {
    file,
    created_by: metadata.created_by ?? null,
    rows: Number(metadata.num_rows),
    row_groups: metadata.row_groups.map(g => Number(g.num_rows)),
    columns,
    metadata: keyValue,
    head: rows.slice(0, head).map(row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)]))),
  }
  if (all) {
    result.values = Object.fromEntries(columns.map(c => [c.name, rows.map(row => plain(row[c.name]))]))
  }
  process.stdout.write(JSON.stringify(result) + '\n')
} catch (error) {
  process.stderr.write(`error: ${file}: ${error.message}\n`)
  process.exit(1)
}
