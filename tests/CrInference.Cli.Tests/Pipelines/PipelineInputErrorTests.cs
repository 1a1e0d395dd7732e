namespace CrInference.Cli.Tests.Pipelines;

/// <summary>A pipeline file with an error stops <c>crinf pipeline run</c> before anything is written.</summary>
[Collection(PipelineCollection.Name)]
public sealed class PipelineInputErrorTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Gaussian = "priors/tests/gaussian-3d.yaml";

    [Fact]
    public void RunPipeline_InvalidFile_ExitsWith2AndOneLineAndWritesNothing()
    {
        string results = _folder.File("results");
        string path = _folder.Write("bad.yaml", $"""
            name: bad
            runs:
              - {"{"} name: a, prior: {Gaussian}, method: fit {"}"}
              - {"{"} name: a, prior: {Gaussian}, method: fit {"}"}
            """);

        var (exit, output, error) = Crinf.Run("pipeline", "run", path, "--results", results);

        Assert.Equal(2, exit);
        Assert.Equal($"error: {path}:4: runs[1].name: duplicate run name 'a' (first used on line 3)\n", error);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(results));
    }
}
