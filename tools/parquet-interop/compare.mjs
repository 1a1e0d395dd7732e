// Compares two Parquet files column by column with hyparquet (independent of Parquet.Net) and prints
// JSON: row counts, row groups, and per column whether every value is bit-identical, how many values
// differ and the largest absolute and relative difference of numeric columns. Footer metadata is not
// compared (it holds the run manifest, whose code version differs between builds).
//
// Usage: node compare.mjs A.parquet B.parquet
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet'

const [a, b] = process.argv.slice(2)
if (!a || !b) {
  process.stderr.write('usage: node compare.mjs A.parquet B.parquet\n')
  process.exit(2)
}

async function load(file) {
  const buffer = await asyncBufferFromFile(file)
  const metadata = await parquetMetadataAsync(buffer)
  const names = parquetSchema(metadata).children.map(c => c.element.name)
  const rows = await parquetReadObjects({ file: buffer, metadata })
  return { names, rows, groups: metadata.row_groups.map(g => Number(g.num_rows)) }
}

const same = (x, y) => Object.is(x, y) || (typeof x === 'bigint' && x === y)
const [left, right] = await Promise.all([load(a), load(b)])
const columns = {}
for (const name of new Set([...left.names, ...right.names])) {
  if (!left.names.includes(name) || !right.names.includes(name)) {
    columns[name] = { only_in: left.names.includes(name) ? 'A' : 'B' }
    continue
  }
  let differing = 0, maxAbs = 0, maxRel = 0
  const n = Math.min(left.rows.length, right.rows.length)
  for (let i = 0; i < n; i++) {
    const x = left.rows[i][name], y = right.rows[i][name]
    if (same(x, y)) continue
    differing++
    if (typeof x === 'number' && typeof y === 'number') {
      const d = Math.abs(x - y)
      if (Number.isFinite(d)) {
        maxAbs = Math.max(maxAbs, d)
        maxRel = Math.max(maxRel, d / Math.max(Math.abs(x), Math.abs(y)))
      } else {
        maxAbs = Infinity
      }
    }
  }
  columns[name] = { identical: differing === 0, differing, max_abs: maxAbs, max_rel: maxRel }
}
const result = {
  rows: [left.rows.length, right.rows.length],
  row_groups_equal: JSON.stringify(left.groups) === JSON.stringify(right.groups),
  column_order_equal: JSON.stringify(left.names) === JSON.stringify(right.names),
  all_identical: left.rows.length === right.rows.length && Object.values(columns).every(c => c.identical),
  columns,
}
process.stdout.write(JSON.stringify(result, (k, v) => (v === Infinity ? 'Infinity' : v)) + '\n')
