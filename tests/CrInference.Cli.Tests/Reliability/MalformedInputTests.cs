using CrInference.Config.Yaml;
using Xunit.Abstractions;

namespace CrInference.Cli.Tests.Reliability;

/// <summary>
/// Malformed input for every command, as a new user would give it: bad prior, parameter and pipeline files (unknown
/// keys and names, broken YAML, an alias bomb, a file over the 1 MiB limit, binary bytes), Parquet files from other
/// tools (a string column, no numeric column, no rows, only NaN, not Parquet at all), and bad command-line values
/// (negative or zero counts, an odd walker count for parallel tempering, <c>--out</c> at an existing file, below a file
/// or inside the data folder). Each: exit code 2, one line <c>error: …</c> naming the file (and line and key) or the
/// option, nothing on stdout, nothing written and nothing overwritten in the scratch folder. Dataset CSVs are in
/// <see cref="MalformedDatasetTests"/>.
/// </summary>
public sealed class MalformedInputTests(MalformedInputFixture fixture, ITestOutputHelper log) : IClassFixture<MalformedInputFixture>
{
    /// <summary>Arguments ({s}: the scratch folder, {data}: the repository's data folder) and what the one line must say.</summary>
    public static TheoryData<string[], string> Cases => new()
    {
        // data, models
        { ["data", "show", "nope"], "unknown dataset id 'nope'" },
        { ["data", "shw"], "Unrecognized command or argument 'shw'" },
        { ["models", "nope"], "unknown model 'nope'" },
        { ["models", "two-phase", "extra"], "Unrecognized command or argument 'extra'" },
        // predict: options, parameter files, --out
        { ["predict", "--model", "nope", "--out", "{s}/o"], "unknown model 'nope'" },
        { ["predict", "--model", "two-phase", "--set", "gamma_inj=abc", "--out", "{s}/o"], "--set gamma_inj=abc: value is not a finite number" },
        { ["predict", "--model", "two-phase", "--set", "gamma_inj", "--out", "{s}/o"], "--set 'gamma_inj': expected key=value" },
        { ["predict", "--model", "two-phase", "--set", "gamma_inj=4", "--set", "gamma_inj=5", "--out", "{s}/o"], "--set gamma_inj: given twice" },
        { ["predict", "--model", "two-phase", "--set", "foo=1", "--out", "{s}/o"], "has no parameter 'foo'" },
        { ["predict", "--model", "two-phase", "--set", "warm_n_cm3=-1", "--out", "{s}/o"], "warm_n_cm3 must be > 0" },
        { ["predict", "--model", "two-phase", "--option", "kappa=sideways", "--out", "{s}/o"], "option kappa must be one of" },
        { ["predict", "--model", "two-phase", "--rmin", "-1", "--out", "{s}/o"], "--rmin/--rmax: need 0 < rmin < rmax" },
        { ["predict", "--model", "two-phase", "--per-decade", "0", "--out", "{s}/o"], "--per-decade must be in 1..1000" },
        { ["predict", "--model", "two-phase", "--params", "{s}/params-text.yaml", "--out", "{s}/o"], "{s}/params-text.yaml:1: gamma_inj: expected a number" },
        { ["predict", "--model", "two-phase", "--params", "{s}/params-unknown.yaml", "--out", "{s}/o"], "{s}/params-unknown.yaml:2: not_a_param: model 'two-phase' has no parameter 'not_a_param'" },
        { ["predict", "--model", "two-phase", "--params", "{s}/params-list.yaml", "--out", "{s}/o"], "{s}/params-list.yaml:1: (root): expected a mapping" },
        { ["predict", "--model", "two-phase", "--params", "{s}/params-options.yaml", "--out", "{s}/o"], "{s}/params-options.yaml:2: options" },
        { ["predict", "--model", "two-phase", "--params", "{s}/params-bomb.yaml", "--out", "{s}/o"], "{s}/params-bomb.yaml:" },
        { ["predict", "--model", "two-phase", "--params", "{s}/big.yaml", "--out", "{s}/o"], "{s}/big.yaml:1: (file): file is" },
        { ["predict", "--model", "two-phase", "--params", "{s}/missing.yaml", "--out", "{s}/o"], "{s}/missing.yaml:1: (file): no such file" },
        { ["predict", "--model", "two-phase", "--out", "{s}/afile"], "--out {s}/afile: a file with that name exists" },
        { ["predict", "--model", "two-phase", "--out", "{data}/x"], "--out {data}/x: inside the data folder" },
        // kappa
        { ["kappa", "--preset", "nope", "--out", "{s}/o"], "--preset must be one of" },
        { ["kappa", "--variant", "nope", "--out", "{s}/o"], "--variant must be" },
        { ["kappa", "--wandering", "nope", "--out", "{s}/o"], "--wandering must be" },
        { ["kappa", "--set", "foo=1", "--out", "{s}/o"], "--set foo: unknown key" },
        { ["kappa", "--set", "mach_a=5", "--out", "{s}/o"], "--set mach_a: M_A must be in (0, 2]" },
        { ["kappa", "--set", "n_cm3=-1", "--out", "{s}/o"], "density must be > 0" },
        { ["kappa", "--per-decade", "0", "--out", "{s}/o"], "--per-decade must be in 1..100" },
        { ["kappa", "--rmin", "0", "--out", "{s}/o"], "--rmin/--rmax: need 0 < rmin < rmax" },
        { ["kappa", "--out", "{s}/afile"], "--out {s}/afile: a file with that name exists" },
        { ["kappa", "--out", "{data}"], "--out {data}: inside the data folder" },
        // simulate, sbc
        { ["simulate", "{s}/missing.yaml", "--out", "{s}/o"], "{s}/missing.yaml: prior file not found" },
        { ["simulate", "--model", "nope", "--out", "{s}/o"], "unknown model 'nope'" },
        { ["simulate", "--model", "two-phase", "--set", "solar_phi_GV=-1", "--out", "{s}/o"], "--set solar_phi_GV=-1: must be >= 0" },
        { ["simulate", "--model", "two-phase", "--set", "phi_ams02_2011_2018_GV=-1", "--out", "{s}/o"], "--set phi_ams02_2011_2018_GV=-1: must be >= 0" },
        { ["sbc", "{s}/missing.yaml", "--out", "{s}/o"], "{s}/missing.yaml: prior file not found" },
        { ["sbc", "{s}/good.yaml", "--replicates", "0", "--out", "{s}/o"], "--replicates must be >= 1 (got 0)" },
        { ["sbc", "{s}/good.yaml", "--truth", "fiducial", "--out", "{s}/o"], "--replicates N is required" },
        { ["sbc", "{s}/good.yaml", "--replicates", "2", "--starts", "nowhere", "--out", "{s}/o"], "--starts nowhere: one of file, prior" },
        // fit: prior files
        { ["fit", "{s}/missing.yaml", "--out", "{s}/o"], "{s}/missing.yaml: prior file not found" },
        { ["fit", "{s}/adir", "--out", "{s}/o"], "{s}/adir: is a folder, not a prior file" },
        { ["fit", "{s}/empty.yaml", "--out", "{s}/o"], "{s}/empty.yaml:1: (file): file is empty" },
        { ["fit", "{s}/big.yaml", "--out", "{s}/o"], "{s}/big.yaml:1: (file): file is 1200021 bytes; input files are limited to 1048576 bytes" },
        { ["fit", "{s}/binary.yaml", "--out", "{s}/o"], "{s}/binary.yaml:" },
        { ["fit", "{s}/alias-bomb.yaml", "--out", "{s}/o"], "{s}/alias-bomb.yaml:6: f[0]: aliases expand the document to more than 100000 nodes" },
        { ["fit", "{s}/unknown-key.yaml", "--out", "{s}/o"], "{s}/unknown-key.yaml:5: bogus: unknown key" },
        { ["fit", "{s}/duplicate-key.yaml", "--out", "{s}/o"], "{s}/duplicate-key.yaml:2: model: duplicate key" },
        { ["fit", "{s}/unclosed.yaml", "--out", "{s}/o"], "{s}/unclosed.yaml:3: params.x1: invalid YAML" },
        { ["fit", "{s}/two-documents.yaml", "--out", "{s}/o"], "{s}/two-documents.yaml:3: (file): holds more than one YAML document" },
        { ["fit", "{s}/top-level-list.yaml", "--out", "{s}/o"], "{s}/top-level-list.yaml:1: (root): expected a mapping" },
        { ["fit", "{s}/tab-indent.yaml", "--out", "{s}/o"], "{s}/tab-indent.yaml:1: params: invalid YAML: While scanning a mapping, found invalid tab as indentation" },
        { ["fit", "{s}/unknown-model.yaml", "--out", "{s}/o"], "{s}/unknown-model.yaml:1: model: unknown model 'nope'" },
        { ["fit", "{s}/unknown-prior.yaml", "--out", "{s}/o"], "{s}/unknown-prior.yaml:4: params.x1.prior: unknown prior 'wobbly'" },
        { ["fit", "{s}/nan-bound.yaml", "--out", "{s}/o"], "{s}/nan-bound.yaml:4: params.x1.max: must be a finite number" },
        { ["fit", "{s}/min-above-max.yaml", "--out", "{s}/o"], "{s}/min-above-max.yaml:4: params.x1.max: " },
        { ["fit", "{s}/negative-sigma.yaml", "--out", "{s}/o"], "{s}/negative-sigma.yaml:4: params.x1.sigma: sigma must be > 0" },
        { ["fit", "{s}/negative-steps.yaml", "--out", "{s}/o"], "{s}/negative-steps.yaml:5: sampler.steps: must be an integer >= 1" },
        { ["fit", "{s}/odd-thinning.yaml", "--out", "{s}/o"], "{s}/odd-thinning.yaml:7: sampler.thin: " },
        { ["fit", "{s}/unknown-move.yaml", "--out", "{s}/o"], "{s}/unknown-move.yaml:5: sampler.moves.wobble: unknown move" },
        { ["fit", "{s}/no-params.yaml", "--out", "{s}/o"], "{s}/no-params.yaml:3: params: " },
        { ["fit", "{s}/unknown-dataset.yaml", "--out", "{s}/o"], "{s}/unknown-dataset.yaml:2: datasets[0]: " },
        { ["fit", "{s}/empty-cut.yaml", "--out", "{s}/o"], "{s}/empty-cut.yaml:7: likelihood.cuts.ams02-p-2015: " },
        { ["fit", "{s}/two-phi-schemes.yaml", "--out", "{s}/o"], "{s}/two-phi-schemes.yaml:3: params: give either 'solar_phi_GV'" },
        { ["fit", "{s}/phi-without-data.yaml", "--out", "{s}/o"], "{s}/phi-without-data.yaml:3: params: parameter 'phi_ams02_2011_2018_GV' is the potential of data taken 2011-05…2018-05, but no dataset" },
        { ["fit", "{s}/negative-correlation-length.yaml", "--out", "{s}/o"], "{s}/negative-correlation-length.yaml:5: likelihood.correlation_length_decades: must be > 0" },
        { ["fit", "{s}/unknown-error-model.yaml", "--out", "{s}/o"], "{s}/unknown-error-model.yaml:5: likelihood.errors: unknown error model 'fancy'" },
        // fit: command-line values and --out
        { ["fit", "{s}/good.yaml", "--walkers", "-3", "--out", "{s}/o"], "--walkers -3: too few for 2 free parameters" },
        { ["fit", "{s}/good.yaml", "--walkers", "0", "--out", "{s}/o"], "--walkers 0: too few" },
        { ["fit", "{s}/good.yaml", "--walkers", "abc", "--out", "{s}/o"], "'--walkers'" },
        { ["fit", "{s}/good.yaml", "--steps", "0", "--out", "{s}/o"], "--steps must be >= 1 (got 0)" },
        { ["fit", "{s}/good.yaml", "--steps", "-5", "--out", "{s}/o"], "--steps must be >= 1 (got -5)" },
        { ["fit", "{s}/good.yaml", "--threads", "0", "--out", "{s}/o"], "--threads must be >= 1 (got 0)" },
        { ["fit", "{s}/good.yaml", "--seed", "-1", "--out", "{s}/o"], "'--seed'" },
        { ["fit", "{s}/good.yaml", "--out", "{s}/afile"], "--out {s}/afile: a file with that name exists" },
        { ["fit", "{s}/good.yaml", "--out", "{s}/afile/run"], "--out {s}/afile/run: {s}/afile is a file, not a folder" },
        { ["fit", "{s}/good.yaml", "--out", "{data}/run"], "--out {data}/run: inside the data folder" },
        { ["fit", "{s}/good.yaml", "--out", "{s}/run"], "already holds a finished run (chains.parquet)" },
        // evidence
        { ["evidence", "{s}/good.yaml", "--live", "0", "--out", "{s}/o"], "--live 0: 0 live points are too few" },
        { ["evidence", "{s}/good.yaml", "--live", "-5", "--out", "{s}/o"], "--live -5: -5 live points are too few" },
        { ["evidence", "{s}/good.yaml", "--method", "mcmc", "--out", "{s}/o"], "--method mcmc: unknown method" },
        { ["evidence", "{s}/good.yaml", "--dlogz", "-1", "--out", "{s}/o"], "--dlogz must be a finite number > 0" },
        { ["evidence", "{s}/good.yaml", "--method", "pt", "--temperatures", "0", "--out", "{s}/o"], "parallel tempering: temperatures must be >= 2" },
        { ["evidence", "{s}/good.yaml", "--method", "pt", "--walkers", "7", "--out", "{s}/o"], "parallel tempering: walkers per temperature must be even" },
        { ["evidence", "{s}/good.yaml", "--method", "pt", "--walkers", "-4", "--out", "{s}/o"], "parallel tempering: walkers per temperature must be even" },
        { ["evidence", "{s}/good.yaml", "--method", "pt", "--steps", "0", "--out", "{s}/o"], "parallel tempering: production steps (0)" },
        { ["evidence", "{s}/good.yaml", "--method", "pt", "--burn-in", "-1", "--out", "{s}/o"], "parallel tempering: burn-in steps must be >= 0" },
        { ["evidence", "{s}/good.yaml", "--checkpoint-every", "0", "--out", "{s}/o"], "--checkpoint-every must be >= 1" },
        { ["evidence", "{s}/good.yaml", "--threads", "0", "--out", "{s}/o"], "--threads must be >= 1" },
        { ["evidence", "{s}/nested-live.yaml", "--out", "{s}/o"], "{s}/nested-live.yaml:5: nested.live: " },
        { ["evidence", "{s}/good.yaml", "--out", "{s}/afile"], "--out {s}/afile: a file with that name exists" },
        { ["evidence", "{s}/good.yaml", "--out", "{s}/run"], "holds a fit" },
        // corner and trace: Parquet files from other tools, options
        { ["corner", "{s}/missing.parquet"], "{s}/missing.parquet: no such file" },
        { ["corner", "{s}/text.parquet"], "{s}/text.parquet: not a Parquet file" },
        { ["corner", "{s}/zero.parquet"], "{s}/zero.parquet: file is empty (0 bytes)" },
        { ["corner", "{s}/adir"], "{s}/adir: is a folder" },
        { ["corner", "{s}/other.parquet", "--params", "name"], "{s}/other.parquet: column 'name'" },
        { ["corner", "{s}/other.parquet", "--params", "zz"], "{s}/other.parquet: column 'zz' not found (columns: x, name)" },
        { ["corner", "{s}/strings-only.parquet"], "{s}/strings-only.parquet: " },
        { ["corner", "{s}/zero-rows.parquet"], "{s}/zero-rows.parquet: " },
        { ["corner", "{s}/nan.parquet", "--params", "x"], "{s}/nan.parquet: " },
        { ["corner", "{s}/run/chains.parquet", "--thin", "0"], "--thin must be >= 1" },
        { ["corner", "{s}/run/chains.parquet", "--burn", "-1"], "--burn must be >= 0" },
        { ["corner", "{s}/run/chains.parquet", "--truths", "x1=abc"], "--truths x1=abc: value is not a finite number" },
        { ["corner", "{s}/run/chains.parquet", "--out", "{s}/c.jpg"], "unsupported output format '.jpg'" },
        { ["corner", "{s}/run/chains.parquet", "--out", "{s}/adir"], "--out {s}/adir: a folder with that name exists" },
        { ["corner", "{s}/run/chains.parquet", "--out", "{data}/c.png"], "inside the data folder" },
        { ["corner", "{s}/run/chains.parquet", "--compare", "{s}/text.parquet", "--out", "{s}/c.png"], "{s}/text.parquet: not a Parquet file" },
        { ["trace", "{s}/text.parquet"], "{s}/text.parquet: not a Parquet file" },
        { ["trace", "{s}/other.parquet", "--out", "{s}/t.png"], "{s}/other.parquet: " },
        { ["trace", "{s}/zero-rows.parquet", "--out", "{s}/t.png"], "{s}/zero-rows.parquet: " },
        { ["trace", "{s}/run/chains.parquet", "--params", "zz", "--out", "{s}/t.png"], "{s}/run/chains.parquet: column 'zz' not found" },
        // spectra, compare, figures
        { ["spectra", "{s}/nope"], "{s}/nope: no such run folder" },
        { ["spectra", "{s}/adir"], "{s}/adir: holds no chains.parquet or samples.parquet" },
        { ["spectra", "{s}/run"], "test problem" },
        { ["spectra", "{s}/run", "--draws", "0"], "--draws must be >= 1 (got 0)" },
        { ["spectra", "{s}/run", "--out", "{s}/afile/s.png"], "{s}/afile is a file, not a folder" },
        { ["compare", "{s}/nope"], "{s}/nope: no such run folder" },
        { ["compare", "{s}/adir"], "{s}/adir: not a run folder" },
        { ["compare", "{s}/run", "{s}/run"], "{s}/run: run folder given twice" },
        { ["compare", "{s}/run", "--out", "{s}/x.txt"], "--out {s}/x.txt: give a Markdown file name ending in .md" },
        { ["compare", "{s}/run", "--out", "{s}/afile/x.md"], "{s}/afile is a file, not a folder" },
        { ["figures", "--only", "4", "--out", "{s}/f"], "--only: '4' is not a figure that can be regenerated" },
        { ["figures", "--only", "abc", "--out", "{s}/f"], "--only: 'abc'" },
        { ["figures", "--out", "{s}/afile"], "--out {s}/afile: a file with that name exists" },
        // pipeline
        { ["pipeline", "check", "{s}/pipeline-unknown-key.yaml"], "{s}/pipeline-unknown-key.yaml:4: bogus: " },
        { ["pipeline", "check", "{s}/pipeline-no-runs.yaml"], "{s}/pipeline-no-runs.yaml:1: " },
        { ["pipeline", "check", "{s}/pipeline-duplicate-run.yaml"], "{s}/pipeline-duplicate-run.yaml:4: runs[1].name: duplicate run name 'a'" },
        { ["pipeline", "check", "{s}/pipeline-missing-prior.yaml"], "{s}/pipeline-missing-prior.yaml:3: runs[0].prior: " },
        { ["pipeline", "check", "{s}/pipeline-bad-method.yaml"], "{s}/pipeline-bad-method.yaml:3: runs[0].method: " },
        { ["pipeline", "check", "{s}/pipeline-bad-override.yaml"], "{s}/pipeline-bad-override.yaml:3: runs[0].steps: " },
        { ["pipeline", "check", "{s}/pipeline-bad-name.yaml"], "{s}/pipeline-bad-name.yaml:1: name: " },
        { ["pipeline", "check", "{s}/pipeline-bomb.yaml"], "{s}/pipeline-bomb.yaml:6: f[0]: aliases expand" },
        { ["pipeline", "check", "{s}/big.yaml"], "{s}/big.yaml:1: (file): file is" },
        { ["pipeline", "run", "{s}/pipeline.yaml", "--jobs", "0", "--results", "{s}/results"], "--jobs must be >= 1" },
        { ["pipeline", "run-one", "{s}/pipeline.yaml", "--run-index", "9", "--results", "{s}/results"], "--run-index 9: pipeline p has runs 0 to 0" },
        { ["pipeline", "run-one", "{s}/pipeline.yaml", "--results", "{s}/results"], "give exactly one of --run-index I and --run NAME" },
        { ["pipeline", "run-one", "{s}/pipeline.yaml", "--run-index", "0", "--threads", "0", "--results", "{s}/results"], "--threads must be >= 1" },
        { ["pipeline", "submit", "{s}/pipeline.yaml", "--results", "{s}/results"], "choose the scheduler: --slurm" },
        { ["pipeline", "submit", "{s}/pipeline.yaml", "--slurm", "--time", "soon", "--dry-run", "--results", "{s}/results"], "--time soon" },
        { ["pipeline", "submit", "{s}/pipeline.yaml", "--slurm", "--cpus-per-task", "0", "--dry-run", "--results", "{s}/results"], "--cpus-per-task" },
        { ["pipeline", "status", "{s}/missing.yaml", "--results", "{s}/results"], "{s}/missing.yaml:1: (file): no such file" },
        // bench
        { ["bench", "ellipsoid", "--repeats", "0"], "--repeats must be >= 1" },
        { ["bench", "sampler", "--repeats", "0"], "--repeats must be >= 1" },
        { ["bench", "kappa", "--evaluations", "0"], "--evaluations must be >= 1" },
        { ["bench", "likelihood", "--calls", "1"], "--calls must be >= 5" },
        { ["bench", "likelihood", "{s}/unknown-key.yaml"], "{s}/unknown-key.yaml:5: bogus: unknown key" },
        { ["bench", "likelihood", "--calls", "5", "--baseline-option", "physics=paper"], "--baseline-option: option physics must be one of full | kq22 (got 'paper')" },
        { ["bench", "likelihood", "--calls", "5", "--baseline-option", "physics"], "--baseline-option 'physics': expected key=value" },
        { ["bench", "likelihood", "{s}/good.yaml", "--calls", "5", "--baseline-option", "physics=kq22"], "--baseline-option needs a forward model (the file's model is 'test/gaussian')" },
        { ["bench", "evidence", "--seeds", "0"], "--seeds must be >= 1" },
        { ["bench", "robustness", "--draws", "0"], "--draws must be >= 1" },
        { ["bench", "robustness", "{s}/alias-bomb.yaml", "--draws", "10"], "{s}/alias-bomb.yaml:6: f[0]: aliases expand" },
        { ["bench", "robustness", "{s}/good.yaml", "--draws", "10", "--json", "{s}/adir"], "--json {s}/adir: a folder with that name exists" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedInput_ExitsTwoWithOneLineNamingItAndWritesNothing(string[] template, string expected)
    {
        string scratch = fixture.Folder.Path, data = TestRepository.PathOf("data");
        string[] args = [.. template.Select(a => a.Replace("{s}", scratch, StringComparison.Ordinal).Replace("{data}", data, StringComparison.Ordinal))];
        var before = fixture.Folder.Snapshot();
        var dataBefore = RunFolderComparison.Files(data);

        var (exit, stdout, stderr) = CliRunner.Run(args);

        log.WriteLine(stderr.TrimEnd());
        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains(expected.Replace("{s}", scratch, StringComparison.Ordinal).Replace("{data}", data, StringComparison.Ordinal), stderr, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Folder.Snapshot());
        Assert.Equal(dataBefore, RunFolderComparison.Files(data));
    }

    [Fact]
    public void Cases_AreAtLeastSixtyAndCoverEveryCommand()
    {
        var commands = Cases.Select(c => ((string[])c[0])[0]).ToHashSet(StringComparer.Ordinal);
        var all = CliApp.BuildRoot().Subcommands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

        Assert.True(Cases.Count() >= 60, $"{Cases.Count()} cases");
        Assert.Empty(all.Except(commands));
        log.WriteLine(string.Join(", ", Cases.GroupBy(c => ((string[])c[0])[0]).Select(g => $"{g.Key} {g.Count()}")));
        Assert.Equal(1 << 20, YamlReader.MaxFileBytes);
    }
}
