using System.Globalization;
using CrInference.Core.Random;
using CrInference.Posterior.TestProblems;

namespace CrInference.Sampling.Tests.Nested;

/// <summary>Shared pieces of the nested-sampling tests: the reference problems by label and the seed
/// (override with the environment variable CRINF_TEST_SEED, as dynesty's tests allow).</summary>
internal static class NestedTestSupport
{
    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("CRINF_TEST_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed) ? seed : 1;

    public static RandomKey Key => RandomKey.FromSeed(Seed);

    /// <summary>"test/gaussian-shell/5" and so on.</summary>
    public static string Label(ITestProblem problem) => $"{problem.Name}/{problem.Space.Dimension}";

    public static ITestProblem Reference(string label) =>
        TestProblemCatalog.ReferenceProblems().Single(p => Label(p) == label);

    public static TheoryData<string> ReferenceLabels()
    {
        var data = new TheoryData<string>();
        foreach (var p in TestProblemCatalog.ReferenceProblems()) data.Add(Label(p));
        return data;
    }
}
