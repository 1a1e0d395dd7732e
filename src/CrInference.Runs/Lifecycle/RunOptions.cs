using CrInference.Runs.Reports;

namespace CrInference.Runs.Lifecycle;

/// <summary>
/// What every run is asked to do; a run kind's options (<c>FitOptions</c>, <c>EvidenceOptions</c>) add its
/// sampler settings. Null settings fall back to (on <see cref="Resume"/>) the command-line settings of the run
/// being resumed, then to the prior file, then to the kind's defaults.
/// </summary>
/// <param name="PriorFile">The prior file, as the user named it.</param>
public abstract record RunOptions(string PriorFile)
{
    /// <summary>Run folder (<c>--out</c>); null: the kind's default under <c>results/</c>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary><c>--threads</c>: not part of a run's identity (results are the same for any value).</summary>
    public int? Threads { get; init; }

    /// <summary><c>--resume</c>: continue the interrupted run in the folder.</summary>
    public bool Resume { get; init; }

    /// <summary><c>--dry-run</c>: build everything, evaluate a few prior draws, report timings; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary><c>--data-dir DIR</c>: read every dataset from <c>DIR/&lt;id&gt;.csv</c> (mock data, e.g. from
    /// <c>crinf simulate</c>) instead of the bundled table; same cuts and error model. Null: the bundled tables.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Where one-line notices go (e.g. a <c>--resume</c> that finds nothing stored yet and starts the run); null:
    /// the process's standard error.</summary>
    public TextWriter? Notices { get; init; }

    /// <summary>What to produce after the run's samples and summary are written (default: corner, trace and spectra plots).</summary>
    public IReadOnlyList<IPostRunReport> Reports { get; init; } = PlotReports.All;
}

/// <summary>Defaults every run kind shares.</summary>
public static class RunDefaults
{
    /// <summary>Prior draws evaluated before sampling (fail early) and by <c>--dry-run</c>.</summary>
    public const int PriorDraws = 8;

    /// <summary>Exit code of a run stopped by the user before its end (resumable).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Key of the prior-draw check: <c>root.Split(PriorCheckStream)</c>.</summary>
    public const ulong PriorCheckStream = ulong.MaxValue - 1;

    /// <summary>Threads when <c>--threads</c> is not given: every core the process may use.</summary>
    public static int Threads => Math.Max(1, Environment.ProcessorCount);
}
