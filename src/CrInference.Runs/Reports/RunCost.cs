using System.Text.Json.Nodes;

namespace CrInference.Runs.Reports;

/// <summary>What a run cost, every session together: wall time, likelihood calls, failures, sessions, and this session's threads.</summary>
/// <param name="WallSeconds">Wall time of all sessions.</param>
/// <param name="LikelihoodCalls">Likelihood calls of all sessions.</param>
/// <param name="Failures">Why likelihood calls gave −∞ (reasons grouped), with counts.</param>
/// <param name="Sessions">Sessions (1 + resumes).</param>
/// <param name="Threads">Threads of this session.</param>
public sealed record RunCost(double WallSeconds, long LikelihoodCalls, IReadOnlyDictionary<string, long> Failures, int Sessions, int Threads)
{
    /// <summary>Likelihood calls per second of wall time (NaN without wall time).</summary>
    public double CallsPerSecond => WallSeconds > 0 ? LikelihoodCalls / WallSeconds : double.NaN;

    /// <summary>The <c>timing</c> object of summary.json (with <c>likelihood_calls</c>) or evidence.json (without).</summary>
    public JsonObject TimingJson(bool includeCalls)
    {
        var timing = new JsonObject { ["wall_seconds"] = RunJson.Number(WallSeconds) };
        if (includeCalls) timing["likelihood_calls"] = LikelihoodCalls;
        timing["calls_per_second"] = RunJson.Number(CallsPerSecond);
        timing["threads"] = Threads;
        timing["sessions"] = Sessions;
        return timing;
    }

    /// <summary>The "Cost" row of a summary's header table.</summary>
    public string MarkdownRow() => RunText.Invariant(
        $"| Cost | {RunText.Duration(TimeSpan.FromSeconds(WallSeconds))} wall time, {LikelihoodCalls} likelihood calls ({CallsPerSecond:0} per second), {Threads} thread(s){(Sessions > 1 ? $", {Sessions} sessions (resumed)" : "")} |");
}
