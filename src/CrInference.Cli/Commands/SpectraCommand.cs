using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CrInference.Runs.Figures;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf spectra RUN_DIR [--out FILE.png] [--draws N]</c>: posterior-predictive spectra of a finished
/// <c>fit</c> (chains.parquet after the summary's burn-in) or <c>evidence</c> run (samples.parquet, rows
/// drawn ∝ weight): median and 68/95 % bands of the proton flux × R^2.7, the Voyager H intensity and B/C
/// against the data, each with a residual panel, and the numbers as CSV next to the figure
/// (<see cref="PosteriorSpectra"/>). Test problems have no spectra (exit 2).
/// </summary>
public static class SpectraCommand
{
    public static Command Create()
    {
        var run = new Argument<DirectoryInfo>("run") { Description = "Run folder of crinf fit or crinf evidence (with manifest.json and prior.yaml)" };
        var output = new Option<FileInfo?>("--out") { Description = "Output .png or .svg (default: spectra.png in the run folder); the numbers go to the same name with .csv" };
        var draws = new Option<int>("--draws") { Description = "Posterior draws to evaluate the model at", DefaultValueFactory = _ => PosteriorSpectra.DefaultDraws };
        var command = new Command("spectra", "Posterior-predictive spectra of a run (median, 68/95 % bands, residuals) against AMS-02 and Voyager")
        {
            run, output, draws,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            var clock = Stopwatch.StartNew();
            var (png, csv, result) = PosteriorSpectra.WriteForRunAsync(parse.GetValue(run)!.FullName, parse.GetValue(output)?.FullName, parse.GetValue(draws))
                .GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {png} and {Path.GetFileName(csv)}: {result.Draws} posterior draws of {result.RowsAvailable} rows{(result.Failed > 0 ? $" ({result.Failed} failed on the plotting grid, left out)" : "")}; {result.PhiDescription}; components at the {result.Representative}; {clock.Elapsed.TotalSeconds:0.0} s"));
            return 0;
        }));
        return command;
    }
}
