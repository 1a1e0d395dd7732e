using CrInference.Core;
using CrInference.Sampling.Comparison;
using CrInference.Sampling.Nested;
using CrInference.Sampling.Tempering;

namespace CrInference.Storage.Parquet;

/// <summary>
/// Weighted posterior samples as an evidence run's <c>samples.parquet</c> holds them: nested sampling's dead
/// points with their normalised importance weights (row i = dead point i, <c>chain</c> 0, <c>draw</c> i),
/// or parallel tempering's β = 1 chain over the production steps with weight 1 (<c>chain</c> = walker,
/// <c>draw</c> = step of the run, burn-in counted).
/// </summary>
/// <remarks>
/// Columns: the fit's (<see cref="ChainTableSink.SchemaFor"/>: <c>chain</c>, <c>draw</c>, the parameters in
/// physical units, <c>log_prior</c> (prior density of the physical values), <c>log_likelihood</c>,
/// <c>log_posterior</c>, <c>log_likelihood__&lt;dataset&gt;</c>, <c>accepted</c> — true for every dead point; the
/// β = 1 walker's kernel acceptance for PT) followed by <c>weight</c>.
/// </remarks>
public sealed class WeightedSampleTable
{
    /// <summary>Rows per row group of <c>samples.parquet</c>.</summary>
    public const int RowsPerGroup = 50_000;

    private WeightedSampleTable(ParameterSpace space, int derivedCount, double[] sampled, double[] logLikelihoods, double[] derived,
        double[] weights, int[] chains, long[] draws, bool[] accepted)
    {
        Space = space;
        DerivedCount = derivedCount;
        Sampled = sampled;
        LogLikelihoods = logLikelihoods;
        Derived = derived;
        Weights = weights;
        Chains = chains;
        Draws = draws;
        Accepted = accepted;
        int d = space.Dimension;
        Physical = new double[sampled.Length];
        LogPriors = new double[Count];
        for (int r = 0; r < Count; r++)
        {
            var physical = Physical.AsSpan(r * d, d);
            space.ToPhysical(sampled.AsSpan(r * d, d), physical);
            LogPriors[r] = ChainTableSink.PhysicalLogPrior(space, physical);
        }
    }

    public ParameterSpace Space { get; }

    public int DerivedCount { get; }

    /// <summary>Rows.</summary>
    public int Count => Weights.Length;

    /// <summary>Sampled coordinates, row-major (rows × D).</summary>
    public double[] Sampled { get; }

    /// <summary>Physical values, row-major.</summary>
    public double[] Physical { get; }

    /// <summary>ln π of the physical values (the <c>log_prior</c> column).</summary>
    public double[] LogPriors { get; }

    public double[] LogLikelihoods { get; }

    /// <summary>Derived values (<c>log_likelihood__&lt;dataset&gt;</c>), row-major (rows × K).</summary>
    public double[] Derived { get; }

    /// <summary>Weights: normalised importance weights (nested) or 1 (PT).</summary>
    public double[] Weights { get; }

    public int[] Chains { get; }

    public long[] Draws { get; }

    public bool[] Accepted { get; }

    /// <summary>ln prior + ln likelihood of row <paramref name="row"/> (the <c>log_posterior</c> column).</summary>
    public double LogPosterior(int row) =>
        double.IsNegativeInfinity(LogPriors[row]) ? double.NegativeInfinity : LogPriors[row] + LogLikelihoods[row];

    /// <summary>The dead points of a finished nested-sampling run with their weights.</summary>
    public static WeightedSampleTable FromNested(NestedResult result, ParameterSpace space, int derivedCount)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(space);
        var dead = result.DeadPoints;
        int n = dead.Length, d = space.Dimension;
        var sampled = new double[n * d];
        var logLikelihoods = new double[n];
        var derived = new double[n * derivedCount];
        var draws = new long[n];
        var accepted = new bool[n];
        for (int i = 0; i < n; i++)
        {
            var point = dead[i].Point;
            point.Sampled.AsSpan().CopyTo(sampled.AsSpan(i * d, d));
            point.Derived.AsSpan().CopyTo(derived.AsSpan(i * derivedCount, derivedCount));
            logLikelihoods[i] = point.LogLikelihood;
            draws[i] = i;
            accepted[i] = true;
        }
        return new WeightedSampleTable(space, derivedCount, sampled, logLikelihoods, derived, [.. result.Weights], new int[n], draws, accepted);
    }

    /// <summary>The β = 1 chain of a finished parallel-tempering run, weight 1 per row.</summary>
    public static WeightedSampleTable FromTempering(TemperingResult result, ParameterSpace space)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(space);
        var chain = result.ColdChain;
        int rows = chain.Steps * chain.Walkers;
        var logPosteriors = chain.LogPosteriors.Span;
        var logLikelihoods = new double[rows];
        var chains = new int[rows];
        var draws = new long[rows];
        for (int r = 0; r < rows; r++)
        {
            logLikelihoods[r] = logPosteriors[r].LogLikelihood;
            chains[r] = r % chain.Walkers;
            draws[r] = chain.FirstStep + r / chain.Walkers;
        }
        var weights = new double[rows];
        Array.Fill(weights, 1.0);
        return new WeightedSampleTable(space, chain.DerivedCount, chain.Positions.ToArray(), logLikelihoods, chain.Derived.ToArray(),
            weights, chains, draws, chain.Accepted.ToArray());
    }

    /// <summary>The samples for the comparison metrics (sampled coordinates, weights, ln L).</summary>
    public WeightedSamples ToWeightedSamples() => new(Space.Dimension, Sampled, Weights, LogLikelihoods);

    /// <summary>The columns of <c>samples.parquet</c>: the fit's chain columns, then <c>weight</c>.</summary>
    public static ChainTableSchema SchemaFor(ParameterSpace space, IReadOnlyList<string> derivedNames) =>
        ChainTableSchema.FromNames([.. ChainTableSink.SchemaFor(space, derivedNames).Names, ChainColumnNames.Weight]);

    /// <summary>Writes <c>samples.parquet</c> atomically with <paramref name="manifestText"/> in the footer.</summary>
    public async Task WriteAsync(string path, IReadOnlyList<string> derivedNames, string manifestText, CancellationToken cancellationToken = default)
    {
        var schema = SchemaFor(Space, derivedNames);
        int d = Space.Dimension;
        var names = Space.Names.ToArray();
        var blocks = new List<ChainTableBlock>();
        for (int start = 0; start < Count; start += RowsPerGroup)
        {
            int rows = Math.Min(RowsPerGroup, Count - start);
            var block = new ChainTableBlock(schema, rows);
            var columns = new SampleColumns(block);
            var weight = block.Float64(ChainColumnNames.Weight);
            for (int r = 0; r < rows; r++)
            {
                int row = start + r;
                columns.Set(r, Chains[row], Draws[row], LogPriors[row], LogLikelihoods[row], Accepted[row]);
                weight[r] = Weights[row];
            }
            for (int i = 0; i < d; i++)
            {
                var column = block.Float64(names[i]);
                for (int r = 0; r < rows; r++) column[r] = Physical[(start + r) * d + i];
            }
            for (int j = 0; j < DerivedCount; j++)
            {
                var column = block.Float64(derivedNames[j]);
                for (int r = 0; r < rows; r++) column[r] = Derived[(start + r) * DerivedCount + j];
            }
            blocks.Add(block);
        }
        await ChainTableWriter.WriteFileAsync(path, blocks, new Dictionary<string, string> { [ChainColumnNames.ManifestMetadataKey] = manifestText }, cancellationToken).ConfigureAwait(false);
    }
}
