using System.Globalization;
using CrInference.Config.Pipelines;

namespace CrInference.Runs.Pipelines;

/// <summary>
/// What Slurm says about a pipeline's last submission (<c>slurm/jobs.json</c>): job states from
/// <c>squeue -t all</c> (pending, running, and finished jobs slurmctld still remembers, MinJobAge) and
/// from <c>sacct</c> (finished jobs, when accounting storage is configured). Either command may be
/// missing or fail; the view then says so in one line and carries on.
/// </summary>
public sealed class SlurmView
{
    private readonly Dictionary<string, string> _states = new(StringComparer.Ordinal);
    private readonly List<string> _lines = [];
    private string? _arrayJob;

    private SlurmView()
    {
    }

    /// <summary>Lines to print after the runs.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>The Slurm state of the array task for run <paramref name="index"/>, or null.</summary>
    public string? TaskState(int index) =>
        _arrayJob is not null && _states.TryGetValue($"{_arrayJob}_{index.ToString(CultureInfo.InvariantCulture)}", out string? state) ? state : null;

    /// <summary>Reads jobs.json and asks squeue and sacct.</summary>
    public static SlurmView Read(PipelinePaths paths, PipelineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(spec);
        var view = new SlurmView();
        var jobs = SlurmSubmitter.ReadJobs(paths);
        if (jobs is null) return view;
        view._arrayJob = (string?)jobs["array_job"];
        string? reportJob = (string?)jobs["report_job"];
        var ids = new[] { view._arrayJob, reportJob }.OfType<string>().ToList();
        view._lines.Add($"slurm: submitted {(string?)jobs["submitted_utc"]}: {(view._arrayJob is null ? "no run array" : $"array job {view._arrayJob}")}, report job {reportJob ?? "none"}");
        if (ids.Count == 0) return view;

        if (SlurmCommands.Find("squeue") is null)
        {
            view._lines.Add("slurm: squeue not found on PATH (not on a Slurm node?); states from the results only");
        }
        else
        {
            var squeue = SlurmCommands.Run("squeue", ["-h", "-t", "all", "-j", string.Join(',', ids), "-o", "%i|%T|%r"], TimeSpan.FromSeconds(30));
            if (squeue.ExitCode != 0)
            {
                // squeue fails for job ids slurmctld has forgotten (MinJobAge) as well as when it is down.
                view._lines.Add($"slurm: squeue: {squeue.FirstErrorLine}");
            }
            else
            {
                foreach (string line in squeue.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var parts = line.Split('|');
                    if (parts.Length < 2) continue;
                    string reason = parts.Length > 2 && parts[2] is not ("None" or "") ? $" ({parts[2]})" : "";
                    view._states[parts[0]] = parts[1] + reason;
                }
                if (reportJob is not null && view._states.TryGetValue(reportJob, out string? report))
                {
                    view._lines.Add($"slurm: report job {reportJob}: {report}");
                }
                // A pending array shows as one line "123_[0-3]" until its tasks are scheduled.
                foreach (var (id, state) in view._states.Where(kv => kv.Key.Contains('[', StringComparison.Ordinal)))
                {
                    view._lines.Add($"slurm: array tasks {id}: {state}");
                }
                if (view._states.Count == 0) view._lines.Add("slurm: squeue no longer lists these jobs (finished longer ago than MinJobAge)");
            }
        }

        if (SlurmCommands.Find("sacct") is not null)
        {
            var sacct = SlurmCommands.Run("sacct", ["-n", "-P", "-X", "-j", string.Join(',', ids), "--format=JobID,State,ExitCode,Elapsed"], TimeSpan.FromSeconds(30));
            if (sacct.ExitCode != 0 || sacct.Output.Trim().Length == 0)
            {
                view._lines.Add($"slurm: sacct: {(sacct.ExitCode != 0 ? sacct.FirstErrorLine : "no records (accounting storage off?)")}");
            }
            else
            {
                foreach (string line in sacct.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var parts = line.Split('|');
                    if (parts.Length < 4) continue;
                    if (!view._states.ContainsKey(parts[0])) view._states[parts[0]] = $"{parts[1]} (exit {parts[2]}, {parts[3]})";
                }
            }
        }
        return view;
    }
}
