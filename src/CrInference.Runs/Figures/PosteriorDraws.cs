using CrInference.Core.Random;

namespace CrInference.Runs.Figures;

/// <summary>
/// Deterministic choice of the posterior rows a posterior-predictive figure evaluates the model at.
/// </summary>
/// <remarks>
/// <para><b>Unweighted rows</b> (MCMC chains after the burn-in): the rows are ordered walker-major
/// (by <c>chain</c>, then <c>draw</c>) and N rows are taken evenly spaced, row ⌊(k + ½) M/N⌋ for
/// k = 0 … N−1 of the M kept rows. Walker-major order spreads the picks over every walker and, within a
/// walker, evenly in time; in the file's step-major order a stride that is a multiple of the number of
/// walkers would pick one walker only. No randomness is involved; with M ≤ N every row is used once.</para>
/// <para><b>Weighted rows</b> (nested-sampling <c>samples.parquet</c>): systematic resampling — with the
/// normalised cumulative weights C_i, pick k is the first row with C_i &gt; (k + u)/N, u one uniform number
/// from a fixed key (<see cref="Key"/>). Each pick is a row drawn with probability ∝ weight (u is uniform),
/// and row i is picked ⌊N w_i⌋ or ⌈N w_i⌉ times, the lowest-variance unbiased way to resample. Rows are
/// taken in the same walker-major order, so equal weights (parallel tempering's β = 1 chain) also spread
/// over the walkers.</para>
/// </remarks>
public static class PosteriorDraws
{
    /// <summary>Seed of the key behind the offset u of weighted resampling.</summary>
    public const ulong Seed = 20220601;

    /// <summary>The fixed key (<c>RandomKey.FromSeed(Seed)</c>).</summary>
    public static RandomKey Key { get; } = RandomKey.FromSeed(Seed);

    /// <summary>
    /// <paramref name="count"/> row indices (into the arrays given) of the rows to evaluate: evenly spaced in
    /// walker-major order when <paramref name="weights"/> is null, else resampled ∝ weight. Rows with
    /// <paramref name="keep"/> false (burn-in) are never chosen; <paramref name="chain"/> and
    /// <paramref name="draw"/> may be null (then file order is used).
    /// </summary>
    /// <exception cref="ArgumentException">No row is kept, or every kept weight is zero.</exception>
    public static int[] Select(int rowCount, Func<int, bool>? keep, double[]? chain, double[]? draw, double[]? weights, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "at least one draw is needed");
        var rows = Enumerable.Range(0, rowCount).Where(i => keep is null || keep(i)).ToArray();
        if (rows.Length == 0) throw new ArgumentException("no rows left to draw from (after the burn-in)");
        if (chain is not null)
        {
            rows = [.. rows.OrderBy(i => chain[i]).ThenBy(i => draw is null ? i : draw[i]).ThenBy(i => i)];
        }
        if (weights is not null) return Resample(rows, weights, count);
        if (rows.Length <= count) return rows;
        var picked = new int[count];
        for (int k = 0; k < count; k++)
        {
            picked[k] = rows[(int)((k + 0.5) * rows.Length / count)];
        }
        return picked;
    }

    /// <summary>Systematic resampling of <paramref name="rows"/> ∝ <paramref name="weights"/> (see the class remarks).</summary>
    public static int[] Resample(int[] rows, double[] weights, int count)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(weights);
        double total = 0;
        foreach (int i in rows)
        {
            double w = weights[i];
            if (!(w >= 0) || double.IsInfinity(w)) throw new ArgumentException($"weight of row {i} is {w}; weights must be finite and >= 0");
            total += w;
        }
        if (!(total > 0)) throw new ArgumentException("every weight is zero");
        var stream = Key.Open();
        double u = stream.NextDouble();
        var picked = new int[count];
        double cumulative = 0;
        int r = 0;
        for (int k = 0; k < count; k++)
        {
            double target = (k + u) / count * total;
            while (r < rows.Length - 1 && cumulative + weights[rows[r]] <= target)
            {
                cumulative += weights[rows[r]];
                r++;
            }
            picked[k] = rows[r];
        }
        return picked;
    }
}
