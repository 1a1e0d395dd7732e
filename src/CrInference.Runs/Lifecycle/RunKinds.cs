using System.Text.Json.Nodes;
using CrInference.Runs.Calibration;
using CrInference.Runs.Evidence;
using CrInference.Runs.Fit;

namespace CrInference.Runs.Lifecycle;

/// <summary>
/// Every kind of run, one line each. <see cref="RunLifecycle"/> refuses a folder holding another kind's run by
/// asking each of them (<see cref="RunFolderLayout.CheckAllowed"/>).
/// </summary>
public static class RunKinds
{
    /// <summary>Every registered kind.</summary>
    public static IReadOnlyList<IRunKind> All { get; } =
    [
        // One line per run kind.
        FitRunKind.Instance,
        NestedRunKind.Instance,
        TemperingRunKind.Instance,
        CalibrationRunKind.Instance,
    ];

    /// <summary>The kind that wrote <paramref name="manifest"/> (its <c>format</c>, and <c>method</c> where kinds share a format), or null.</summary>
    public static IRunKind? OfManifest(JsonObject? manifest)
    {
        string? format = (string?)manifest?["format"];
        var candidates = All.Where(k => k.ManifestFormat == format).ToList();
        return candidates.Count <= 1 ? candidates.FirstOrDefault() : candidates.FirstOrDefault(k => k.Name == (string?)manifest!["method"]);
    }

    /// <summary>The kind named <paramref name="name"/>, or null.</summary>
    public static IRunKind? Find(string? name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));
}
