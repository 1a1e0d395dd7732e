namespace CrInference.Runs;

/// <summary>
/// Locates the repository (for <c>data/</c>, <c>priors/</c>, <c>results/</c>): <c>CRINF_ROOT</c>
/// (set by the <c>./crinf</c> wrapper), else the first folder above the working directory or the
/// executable that holds <c>CrInference.sln</c>.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string DataDirectory => Path.Combine(Root, "data");

    public static string ResultsDirectory => Path.Combine(Root, "results");

    private static string FindRoot()
    {
        string? env = Environment.GetEnvironmentVariable("CRINF_ROOT");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "CrInference.sln")))
        {
            return Path.GetFullPath(env);
        }
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CrInference.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new UserInputException("cannot find the CrInference repository (set CRINF_ROOT to the folder holding CrInference.sln)");
    }
}
