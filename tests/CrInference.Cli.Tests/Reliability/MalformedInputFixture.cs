using System.Text;
using CrInference.Cli.Tests.Fit;
using CrInference.Cli.Tests.Pipelines;
using Parquet;
using Parquet.Schema;

namespace CrInference.Cli.Tests.Reliability;

/// <summary>
/// The files the malformed-input cases point at, made once in a scratch folder: prior, parameter and pipeline files
/// with one fault each, Parquet files as another tool could write them (a string column, no numeric column, no rows,
/// only NaN), a finished fit to read, an existing file and an empty folder to aim <c>--out</c> at.
/// </summary>
public sealed class MalformedInputFixture : IDisposable
{
    private const string Gaussian1D = "model: test/gaussian\nproblem: { dimension: 1 }\nparams:\n  x1: { prior: uniform, min: 0, max: 1 }\n";

    private const string PhenoProtons = "model: phenomenological\ndatasets: [ams02-p-2015]\nparams:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\n";

    /// <summary>Prior files, one fault each (name → text).</summary>
    public static IReadOnlyDictionary<string, string> PriorFiles { get; } = new Dictionary<string, string>
    {
        ["unknown-key.yaml"] = Gaussian1D + "bogus: 1\n",
        ["duplicate-key.yaml"] = "model: test/gaussian\nmodel: test/gaussian\n",
        ["unclosed.yaml"] = "model: test/gaussian\nparams: { x1: [1, 2\n",
        ["two-documents.yaml"] = "model: test/gaussian\n---\nmodel: x\n",
        ["top-level-list.yaml"] = "- a\n- b\n",
        ["empty.yaml"] = "",
        ["unknown-model.yaml"] = "model: nope\nparams:\n  x1: { prior: uniform, min: 0, max: 1 }\n",
        ["unknown-prior.yaml"] = "model: test/gaussian\nproblem: { dimension: 1 }\nparams:\n  x1: { prior: wobbly, min: 0, max: 1 }\n",
        ["nan-bound.yaml"] = "model: test/gaussian\nproblem: { dimension: 1 }\nparams:\n  x1: { prior: uniform, min: 0, max: .nan }\n",
        ["min-above-max.yaml"] = "model: test/gaussian\nproblem: { dimension: 1 }\nparams:\n  x1: { prior: uniform, min: 5, max: 1 }\n",
        ["negative-sigma.yaml"] = "model: test/gaussian\nproblem: { dimension: 1 }\nparams:\n  x1: { prior: normal, mean: 0, sigma: -1 }\n",
        ["negative-steps.yaml"] = Gaussian1D + "sampler: { steps: -5 }\n",
        ["odd-thinning.yaml"] = Gaussian1D + "sampler:\n  steps: 100\n  thin: 3\n",
        ["unknown-move.yaml"] = Gaussian1D + "sampler: { moves: { wobble: 1 } }\n",
        ["no-params.yaml"] = "model: test/gaussian\nproblem: { dimension: 1 }\nparams: {}\n",
        ["unknown-dataset.yaml"] = "model: two-phase\ndatasets: [ams02-p-2099]\nparams:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\n",
        ["empty-cut.yaml"] = "model: two-phase\ndatasets: [ams02-p-2015]\nparams:\n  gamma_inj: { prior: uniform, min: 4, max: 4.5 }\nlikelihood:\n  cuts:\n    ams02-p-2015: { min_GV: 1.0e6 }\n",
        ["two-phi-schemes.yaml"] = PhenoProtons + "  solar_phi_GV: { prior: uniform, min: 0.2, max: 1 }\n  phi_ams02_2011_2013_GV: { prior: uniform, min: 0.2, max: 1 }\n",
        ["phi-without-data.yaml"] = PhenoProtons + "  phi_ams02_2011_2018_GV: { prior: uniform, min: 0.2, max: 1 }\n",
        ["negative-correlation-length.yaml"] = PhenoProtons + "likelihood: { errors: correlated, correlation_length_decades: -1 }\n",
        ["unknown-error-model.yaml"] = PhenoProtons + "likelihood: { errors: fancy }\n",
        ["nested-live.yaml"] = Gaussian1D + "nested: { live: 3 }\n",
        ["alias-bomb.yaml"] = AliasBomb("model: test/gaussian\n"),
        ["tab-indent.yaml"] = "model: test/gaussian\nparams:\n\tx1: 1\n",
    };

    /// <summary>Parameter-value files of <c>predict --params</c> (name → text).</summary>
    public static IReadOnlyDictionary<string, string> ParameterFiles { get; } = new Dictionary<string, string>
    {
        ["params-text.yaml"] = "gamma_inj: abc\n",
        ["params-unknown.yaml"] = "gamma_inj: 4.3\nnot_a_param: 1\n",
        ["params-list.yaml"] = "- gamma_inj\n",
        ["params-options.yaml"] = "gamma_inj: 4.3\noptions: [fast]\n",
        ["params-bomb.yaml"] = AliasBomb("gamma_inj: 4.3\n"),
    };

    /// <summary>Pipeline files (name → text).</summary>
    public static IReadOnlyDictionary<string, string> PipelineFiles { get; } = new Dictionary<string, string>
    {
        ["pipeline-unknown-key.yaml"] = "name: p\nruns:\n  - { name: a, prior: priors/tests/gaussian-3d.yaml, method: fit }\nbogus: 1\n",
        ["pipeline-no-runs.yaml"] = "name: p\n",
        ["pipeline-duplicate-run.yaml"] = "name: p\nruns:\n  - { name: a, prior: priors/tests/gaussian-3d.yaml, method: fit }\n  - { name: a, prior: priors/tests/gaussian-3d.yaml, method: fit }\n",
        ["pipeline-missing-prior.yaml"] = "name: p\nruns:\n  - { name: a, prior: priors/nope.yaml, method: fit }\n",
        ["pipeline-bad-method.yaml"] = "name: p\nruns:\n  - { name: a, prior: priors/tests/gaussian-3d.yaml, method: mcmc }\n",
        ["pipeline-bad-override.yaml"] = "name: p\nruns:\n  - { name: a, prior: priors/tests/gaussian-3d.yaml, method: fit, steps: -1 }\n",
        ["pipeline-bad-name.yaml"] = "name: ../p\nruns:\n  - { name: a, prior: priors/tests/gaussian-3d.yaml, method: fit }\n",
        ["pipeline-bomb.yaml"] = AliasBomb("name: p\n"),
        ["pipeline.yaml"] = "name: p\nruns:\n  - { name: a, prior: priors/tests/gaussian-3d.yaml, method: fit, steps: 100 }\n",
    };

    public MalformedInputFixture()
    {
        foreach (var (name, text) in PriorFiles.Concat(ParameterFiles).Concat(PipelineFiles)) Folder.Write(name, text);
        Folder.Write("good.yaml", FitPriorFiles.LogUniform(walkers: 8, steps: 100));
        File.WriteAllText(Folder.File("big.yaml"), "model: test/gaussian\n" + new StringBuilder().Insert(0, "# padding\n", 120_000));
        File.WriteAllBytes(Folder.File("binary.yaml"), [.. Enumerable.Range(0, 2560).Select(i => (byte)i)]);
        Folder.Write("afile", "an existing file\n");
        Directory.CreateDirectory(Folder.File("adir"));
        Folder.Write("text.parquet", "not a parquet file\n");
        Folder.Write("zero.parquet", "");
        Expect.Success(CliRunner.Run("fit", Folder.File("good.yaml"), "--out", Folder.File("run"), "--threads", "1"));
        var other = new ParquetSchema(new DataField<double>("x", false), new DataField<string>("name"));
        WriteParquetAsync("other.parquet", other, async g =>
        {
            await g.WriteAsync<double>(other.DataFields[0], new double[] { 1.0, 2.0, 3.0 });
            await g.WriteAsync(other.DataFields[1], (IReadOnlyCollection<string>)["a", "b", "c"]);
        }).GetAwaiter().GetResult();
        var strings = new ParquetSchema(new DataField<string>("name"));
        WriteParquetAsync("strings-only.parquet", strings, g => g.WriteAsync(strings.DataFields[0], (IReadOnlyCollection<string>)["a", "b", "c"])).GetAwaiter().GetResult();
        var nan = new ParquetSchema(new DataField<double>("x", false), new DataField<double>("y", false));
        WriteParquetAsync("nan.parquet", nan, async g =>
        {
            await g.WriteAsync<double>(nan.DataFields[0], new double[] { double.NaN, double.NaN, double.NaN });
            await g.WriteAsync<double>(nan.DataFields[1], new double[] { 1.0, 2.0, 3.0 });
        }).GetAwaiter().GetResult();
        WriteParquetAsync("zero-rows.parquet", new ParquetSchema(new DataField<double>("x", false)), null).GetAwaiter().GetResult();
    }

    /// <summary>The scratch folder.</summary>
    internal ScratchFolder Folder { get; } = new("crinf-malformed-");

    public void Dispose() => Folder.Dispose();

    /// <summary>A YAML "billion laughs": nine levels of nine aliases (9⁹ nodes once expanded) before <paramref name="tail"/>.</summary>
    private static string AliasBomb(string tail)
    {
        var text = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        string previous = "a";
        foreach (char name in "bcdefghi")
        {
            text.Append(name).Append(": &").Append(name).Append(" [").Append(string.Join(", ", Enumerable.Repeat($"*{previous}", 9))).Append("]\n");
            previous = name.ToString();
        }
        return text.Append(tail).ToString();
    }

    /// <summary>A Parquet file of <paramref name="schema"/> with one row group written by <paramref name="rows"/>, or none.</summary>
    private async Task WriteParquetAsync(string name, ParquetSchema schema, Func<ParquetRowGroupWriter, Task>? rows)
    {
        await using var stream = File.Create(Folder.File(name));
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        if (rows is null) return;
        using var group = writer.CreateRowGroup();
        await rows(group);
    }
}
