using CrInference.Cli.Tests.Pipelines;

namespace CrInference.Cli.Tests.Reliability;

/// <summary>
/// Malformed dataset CSVs, met by the commands that read the data: a copy of the repository's <c>data/</c> with one
/// fault in one table, used as the data of a child <c>crinf</c> (<c>CRINF_ROOT</c> pointing at the copy). Each: exit
/// code 2, one line naming the file, the line and the column, nothing written.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class MalformedDatasetTests : IDisposable
{
    private readonly ScratchFolder _root = new("crinf-data-");

    public void Dispose() => _root.Dispose();

    public static TheoryData<string, int, string, string[], string> Cases => new()
    {
        // file, line (1-based), replacement line ("" deletes the file's content), command, what the one line says after "file:line: "
        { "ams02_bc_ratio_physrep2021.csv", 3, "2.15,2.4,abc,0.0011,0.014", ["data", "show", "ams02-bc-2021"], "column 3 (bc_ratio): " },
        { "ams02_proton_flux_prl2015.csv", 1, "rigidity_low_GV,rigidity_high_GV,flux,stat_err_per_m2_sr_s_GV,sys_err_per_m2_sr_s_GV", ["data", "list"], "column 3 (flux_per_m2_sr_s_GV): " },
        { "voyager1_hydrogen_lis_cummings2016.csv", 2, "3.8,NaN,0.9572,0.954", ["data", "show", "voyager1-h-2016"], "column 2 (intensity_per_m2_s_sr_MeV_per_n): " },
        { "ams02_carbon_flux_prl2017.csv", 1, "", ["data", "show", "ams02-c-2017"], "column 1 (rigidity_low_GV): empty file" },
        { "ams02_proton_flux_physrep2021.csv", 4, "1.33,1.51,760.1", ["data", "show", "ams02-p-2021"], "column 4 (" },
        { "ams02_bc_ratio_prl2016_ekn.csv", 2, "0.446482,0.321,-0.0018,0.0154", ["data", "show", "ams02-bc-2016-ekn"], "column 3 (stat_err): " },
        { "ams02_bc_ratio_physrep2021.csv", 3, "2.15,2.4,abc,0.0011,0.014", ["fit", "{root}/p.yaml", "--out", "{root}/run"], "column 3 (bc_ratio): " },
        { "ams02_proton_flux_prl2015.csv", 3, "1.16,1.33,662.5,0.4", ["predict", "--model", "phenomenological", "--out", "{root}/predicted"], "column 5 (" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Command_MalformedDatasetCsv_ExitsTwoWithOneLineNamingFileLineAndColumn(string file, int line, string replacement, string[] template, string expected)
    {
        string root = _root.Path;
        string data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(root, "CrInference.sln"), "");
        foreach (string table in Directory.EnumerateFiles(TestRepository.PathOf("data"), "*.csv")) File.Copy(table, Path.Combine(data, Path.GetFileName(table)));
        _root.Write("p.yaml", "model: phenomenological\ndatasets: [ams02-bc-2021]\nparams:\n  kappa_delta: { prior: uniform, min: 0.3, max: 0.7 }\n");
        string path = Path.Combine(data, file);
        var lines = File.ReadAllLines(path);
        File.WriteAllText(path, replacement.Length == 0 ? "" : string.Join('\n', lines.Select((l, i) => i == line - 1 ? replacement : l)) + "\n");
        var before = _root.Snapshot();

        var (exit, stdout, stderr) = Crinf.Run([.. template.Select(a => a.Replace("{root}", root, StringComparison.Ordinal))], 120,
            new Dictionary<string, string> { ["CRINF_ROOT"] = root });

        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"error: {path}:{line}: {expected}", stderr, StringComparison.Ordinal);
        Assert.Equal(before, _root.Snapshot());
    }
}
