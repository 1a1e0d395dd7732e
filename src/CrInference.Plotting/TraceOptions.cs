namespace CrInference.Plotting;

/// <summary>Options of <see cref="TracePlot.Render"/>.</summary>
public sealed record TraceOptions
{
    /// <summary>Columns to plot, one panel each; null for every non-bookkeeping numeric column.</summary>
    public IReadOnlyList<string>? Parameters { get; init; }

    /// <summary>
    /// Integrated autocorrelation time per column, in draws (as estimated by the sampling
    /// diagnostics); columns without an entry show no τ.
    /// </summary>
    public IReadOnlyDictionary<string, double>? Tau { get; init; }

    /// <summary>Burn-in in draws, shaded grey (not removed) when &gt; 0.</summary>
    public long BurnIn { get; init; }

    /// <summary>Optional title above the panels.</summary>
    public string? Title { get; init; }
}
