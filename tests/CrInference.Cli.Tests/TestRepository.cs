
namespace CrInference.Cli.Tests;

/// <summary>The repository these tests were compiled from (for data/, priors/, tools/), exported as
/// <c>CRINF_ROOT</c> so that the CLI finds it from the test runner's folder.</summary>
internal static class TestRepository
{
    private static readonly Lazy<string> RootLazy = new(Find);

    /// <summary>The repository root; sets <c>CRINF_ROOT</c> on first use.</summary>
    public static string Root => RootLazy.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        string root = RepositoryRoot.Path;
        Environment.SetEnvironmentVariable("CRINF_ROOT", root);
        return root;
    }
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crinf-fit-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}

/// <summary>Runs <c>crinf</c> in-process with the console captured (one at a time: the console is global).</summary>
internal static class CliRunner
{
    private static readonly Lock Gate = new();

    public static (int Exit, string Out, string Error) Run(params string[] args)
    {
        _ = TestRepository.Root;
        lock (Gate)
        {
            var stdout = Console.Out;
            var stderr = Console.Error;
            using var capturedOut = new StringWriter();
            using var capturedError = new StringWriter();
            Console.SetOut(capturedOut);
            Console.SetError(capturedError);
            try
            {
                int exit = CliApp.Run(args);
                return (exit, capturedOut.ToString(), capturedError.ToString());
            }
            finally
            {
                Console.SetOut(stdout);
                Console.SetError(stderr);
            }
        }
    }
}
