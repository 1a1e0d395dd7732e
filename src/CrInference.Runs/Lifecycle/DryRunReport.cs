using System.Globalization;

namespace CrInference.Runs.Lifecycle;

/// <summary>
/// <c>--dry-run</c>: what a run would do, and what one evaluation costs — the model and datasets, the
/// kind's settings, the folder's state, a few prior draws timed (one untimed warm-up call first) with the
/// reasons of failed ones, and an estimate of the sampling time. Writes nothing; fails like a start when
/// every draw fails.
/// </summary>
public static class DryRunReport
{
    /// <summary>Prints the report of <paramref name="run"/> and returns 0; throws when every prior draw fails.</summary>
    public static int Write(RunContext run, IRunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        var output = run.Output;
        var spec = run.Build.Spec;
        var space = run.Posterior.Space;
        output.WriteLine($"dry run of {spec.SourcePath}: model {spec.Model}, {space.Dimension} free parameters ({string.Join(", ", space.Names)})");
        foreach (var ds in run.Build.Datasets)
        {
            output.WriteLine($"  dataset {ds.Id}: {ds.Count} of {ds.Source.Points.Length} points kept (cut: {ds.Cut})");
        }
        output.WriteLine(plan.DryRunSettings(run));
        output.WriteLine($"  output folder {run.Shown} {run.Kind.Layout.DescribeForDryRun(run.FolderState)}");
        var check = PriorDrawCheck.Run(run.Posterior, run.Build.Transport?.Failures, run.RootKey.Split(RunDefaults.PriorCheckStream), RunDefaults.PriorDraws);
        double median = check.MedianMilliseconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {check.Draws} prior draws: {check.Finite} finite; per evaluation (prior + likelihood) median {Milliseconds(median)}, min {Milliseconds(check.Milliseconds.Min())}, max {Milliseconds(check.Milliseconds.Max())} (after one untimed warm-up call)"));
        foreach (var (reason, count) in check.Failures) output.WriteLine($"    {count} x {reason}");
        output.WriteLine(plan.DryRunEstimate(run, median));
        output.WriteLine("  nothing written");
        if (check.Finite == 0)
        {
            throw new UserInputException($"all {check.Draws} prior draws give a log posterior of -inf; most common reason: {check.MostCommonFailure ?? "unknown"}");
        }
        return 0;
    }

    /// <summary>A duration in ms with three significant digits, in µs below 0.1 ms.</summary>
    private static string Milliseconds(double ms) =>
        ms < 0.1 ? string.Create(CultureInfo.InvariantCulture, $"{ms * 1e3:G3} µs") : string.Create(CultureInfo.InvariantCulture, $"{ms:G3} ms");
}
