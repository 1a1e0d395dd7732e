using System.Text.Json.Nodes;
using CrInference.Runs.Evidence;
using CrInference.Runs.Lifecycle;

namespace CrInference.Cli.Tests.Evidence;

/// <summary>Helpers of the evidence and compare tests.</summary>
internal static class EvidenceTestSupport
{
    /// <summary>
    /// ln Z of the 3-D <c>test/gaussian</c> of <c>priors/tests/gaussian-3d.yaml</c>: a normalised Gaussian in the
    /// box [−10, 10]³ (its mass outside is &lt; 1e-22), Z = 1/20³.
    /// </summary>
    public static double Gaussian3dLogZ => -3 * Math.Log(20);

    /// <summary>
    /// ln Z of <c>priors/tests/gaussian-shell-2d.yaml</c> (Feroz, Hobson &amp; Bridges 2009 §7.2): two shells
    /// of radius r = 2 and width w = 0.1 (normalised Gaussians in the radial distance), each integrating to
    /// ≈ 2πr over the plane, under the uniform prior on [−6, 6]²: Z = 2 · 2π · 2 / 12² = 8π/144.
    /// </summary>
    public static double GaussianShell2dLogZ => Math.Log(8 * Math.PI / 144);

    /// <summary>
    /// ln Z of <c>priors/tests/conjugate-gaussian-5d.yaml</c>: L = Π N(x_i; 0.5, 0.2²) under π = Π N(x_i; 0, 1) gives
    /// Z = Π N(0.5; 0, 1 + 0.2²) (the convolution of two Gaussians), i.e. 5 ln N(0.5; 0, 1.04).
    /// </summary>
    public static double ConjugateLogZ => 5 * (-0.5 * Math.Log(2 * Math.PI * 1.04) - 0.25 / (2 * 1.04));

    /// <summary>evidence.json without what may differ between equivalent runs (wall time, threads, sessions).</summary>
    public static string NumbersOf(string runDirectory)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(runDirectory, "evidence.json")))!.AsObject();
        json.Remove("wall_seconds");
        json.Remove("timing");
        return json.ToJsonString();
    }

    public static JsonObject EvidenceOf(string runDirectory) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(runDirectory, "evidence.json")))!.AsObject();

    /// <summary>Runs an evidence computation in-process and stops it (as Ctrl-C would) once <paramref name="checkpoints"/> checkpoints are written.</summary>
    public static async Task<int> StopAfterCheckpoints(string prior, string run, int checkpoints, EvidenceRunKind method, long interval,
        long? steps = null, long? burnIn = null, int? temperatures = null, int? live = null)
    {
        _ = TestRepository.Root;
        using var stop = new CancellationTokenSource();
        var options = new EvidenceOptions(prior)
        {
            Method = method.Name,
            OutputDirectory = run,
            Threads = 1,
            CheckpointInterval = interval,
            Steps = steps,
            BurnIn = burnIn,
            Temperatures = temperatures,
            Live = live,
            CheckpointWritten = n =>
            {
                if (n == checkpoints) stop.Cancel();
            },
        };
        return await RunLifecycle.ExecuteAsync(method, options, TextWriter.Null, stop.Token);
    }
}
