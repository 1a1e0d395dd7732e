namespace CrInference.Runs.Tests;

/// <summary>The repository these tests were compiled from (for data/, priors/, pipelines/).</summary>
internal static class TestRepository
{
    /// <summary>The repository root.</summary>
    public static string Root => RepositoryRoot.Path;

    /// <summary><paramref name="relative"/> inside the repository.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);
}
