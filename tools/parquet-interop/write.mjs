// Writes a small Parquet file with hyparquet-writer (not Parquet.Net), so CrInference can be
// tested on "a Parquet file written by another tool". The data are a correlated 2-D Gaussian
// sample, columns x and y (DOUBLE), from a seeded generator (mulberry32 + Box-Muller), so the
// same arguments give the same values:
//   x ~ N(1, 1²), y ~ N(-2, 0.5²), corr(x, y) = 0.8.
// --weighted draws from the same Gaussian with both standard deviations scaled by 1.5 and adds
// a `weight` column equal to target density / proposal density (an importance sample of the
// same target). --with-text adds a string column `label`; --with-nulls sets every 100th y to
// null (the columns are OPTIONAL, as hyparquet-writer writes them by default).
// Prints JSON with the target's parameters and the rows written.
//
// Usage: node write.mjs FILE [--rows N] [--seed S] [--weighted] [--with-text] [--with-nulls] [--with-ints]
import { parquetWriteFile } from 'hyparquet-writer'

const args = process.argv.slice(2)
const file = args.find((a, i) => !a.startsWith('--') && !['--rows', '--seed'].includes(args[i - 1]))
if (!file) {
  process.stderr.write('usage: node write.mjs FILE [--rows N] [--seed S] [--weighted] [--with-text] [--with-nulls] [--with-ints]\n')
  process.exit(2)
}
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback)
const rows = option('--rows', 4000)
const seed = option('--seed', 1)
const weighted = args.includes('--weighted')
const withText = args.includes('--with-text')
const withNulls = args.includes('--with-nulls')
const withInts = args.includes('--with-ints')

const target = { mean: [1, -2], sd: [1, 0.5], correlation: 0.8 }
const inflation = weighted ? 1.5 : 1

function mulberry32(a) {
  return () => {
    a = (a + 0x6D2B79F5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const uniform = mulberry32(seed)
function standardNormalPair() {
  const u1 = 1 - uniform()
  const u2 = uniform()
  const r = Math.sqrt(-2 * Math.log(u1))
  return [r * Math.cos(2 * Math.PI * u2), r * Math.sin(2 * Math.PI * u2)]
}

// Log density of the correlated Gaussian with sds scaled by `scale`, up to a constant shared by
// target and proposal except for the scale's own normaliser (-2 ln scale).
function logDensity(x, y, scale) {
  const zx = (x - target.mean[0]) / (target.sd[0] * scale)
  const zy = (y - target.mean[1]) / (target.sd[1] * scale)
  const rho = target.correlation
  return -(zx * zx - 2 * rho * zx * zy + zy * zy) / (2 * (1 - rho * rho)) - 2 * Math.log(scale)
}

const x = new Array(rows)
const y = new Array(rows)
const weight = new Array(rows)
const label = new Array(rows)
const rho = target.correlation
for (let i = 0; i < rows; i++) {
  const [z1, z2] = standardNormalPair()
  x[i] = target.mean[0] + inflation * target.sd[0] * z1
  y[i] = target.mean[1] + inflation * target.sd[1] * (rho * z1 + Math.sqrt(1 - rho * rho) * z2)
  weight[i] = Math.exp(logDensity(x[i], y[i], 1) - logDensity(x[i], y[i], inflation))
  label[i] = i % 2 === 0 ? 'even' : 'odd'
}
const yColumn = withNulls ? y.map((v, i) => (i % 100 === 99 ? null : v)) : y

const columnData = [
  { name: 'x', data: x, type: 'DOUBLE' },
  { name: 'y', data: yColumn, type: 'DOUBLE' },
]
if (weighted) columnData.push({ name: 'weight', data: weight, type: 'DOUBLE' })
if (withText) columnData.push({ name: 'label', data: label, type: 'STRING' })
if (withInts) {
  columnData.push({ name: 'id', data: x.map((_, i) => i), type: 'INT32' })
  columnData.push({ name: 'step', data: x.map((_, i) => BigInt(10 * i)), type: 'INT64' })
  columnData.push({ name: 'x32', data: x.map(v => Math.fround(v)), type: 'FLOAT' })
}

parquetWriteFile({
  filename: file,
  columnData,
  kvMetadata: [{ key: 'generator', value: 'tools/parquet-interop/write.mjs (hyparquet-writer)' }],
})
process.stdout.write(JSON.stringify({ file, rows, seed, weighted, target, columns: columnData.map(c => c.name) }) + '\n')
