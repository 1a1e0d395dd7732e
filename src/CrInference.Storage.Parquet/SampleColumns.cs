namespace CrInference.Storage.Parquet;

/// <summary>
/// The bookkeeping columns of a block of a chain or sample table (<see cref="ChainColumnNames"/>: <c>chain</c>,
/// <c>draw</c>, <c>log_prior</c>, <c>log_likelihood</c>, <c>log_posterior</c>, <c>accepted</c>), filled a row at a
/// time; the parameter, derived and weight columns are filled through the block itself.
/// </summary>
public readonly ref struct SampleColumns
{
    private readonly Span<int> _chain;
    private readonly Span<long> _draw;
    private readonly Span<double> _logPrior;
    private readonly Span<double> _logLikelihood;
    private readonly Span<double> _logPosterior;
    private readonly Span<bool> _accepted;

    /// <summary>The bookkeeping columns of <paramref name="block"/>.</summary>
    public SampleColumns(ChainTableBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        _chain = block.Int32(ChainColumnNames.Chain);
        _draw = block.Int64(ChainColumnNames.Draw);
        _logPrior = block.Float64(ChainColumnNames.LogPrior);
        _logLikelihood = block.Float64(ChainColumnNames.LogLikelihood);
        _logPosterior = block.Float64(ChainColumnNames.LogPosterior);
        _accepted = block.Boolean(ChainColumnNames.Accepted);
    }

    /// <summary>Fills row <paramref name="row"/>; <c>log_posterior</c> is the sum, −∞ outside the prior whatever the likelihood.</summary>
    public void Set(int row, int chain, long draw, double logPrior, double logLikelihood, bool accepted)
    {
        _chain[row] = chain;
        _draw[row] = draw;
        _logPrior[row] = logPrior;
        _logLikelihood[row] = logLikelihood;
        _logPosterior[row] = double.IsNegativeInfinity(logPrior) ? double.NegativeInfinity : logPrior + logLikelihood;
        _accepted[row] = accepted;
    }
}
