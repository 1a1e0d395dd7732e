using CrInference.Storage.Parquet;

namespace CrInference.Plotting;

/// <summary>Options of <see cref="CornerPlot.Render"/>.</summary>
public sealed record CornerOptions
{
    /// <summary>
    /// Columns to plot, in order; null for every numeric column that is not bookkeeping
    /// (<see cref="ChainColumnNames.IsBookkeeping"/>: chain, draw, weight, accepted, log_*). Bookkeeping
    /// columns named here are plotted.
    /// </summary>
    public IReadOnlyList<string>? Parameters { get; init; }

    /// <summary>Draws to drop at the start of each chain (see <see cref="SampleTable.WithBurnIn"/>); 0 keeps all.</summary>
    public long BurnIn { get; init; }

    /// <summary>Keep every n-th draw (see <see cref="SampleTable.Thinned"/>); 1 keeps all.</summary>
    public int Thin { get; init; } = 1;

    /// <summary>True or reference values (column name → value), drawn as lines; names must be columns of the table.</summary>
    public IReadOnlyDictionary<string, double>? Truths { get; init; }

    /// <summary>A second run drawn over the first in another colour (model comparison); it must hold every plotted column.</summary>
    public SampleTable? Compare { get; init; }

    /// <summary>Legend name of the main table; default its source's file name.</summary>
    public string? Name { get; init; }

    /// <summary>Legend name of <see cref="Compare"/>; default its source's file name.</summary>
    public string? CompareName { get; init; }

    /// <summary>Fill the 68 % / 95 % regions (true) or draw only their contour lines.</summary>
    public bool FillContours { get; init; } = true;

    /// <summary>Optional title printed in the legend block.</summary>
    public string? Title { get; init; }

    /// <summary>Panel edge in pixels; default from the number of parameters (320 for 2 down to 165 for 12 or more).</summary>
    public int? PanelPixels { get; init; }
}
