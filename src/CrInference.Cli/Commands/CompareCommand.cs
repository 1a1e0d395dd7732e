using System.CommandLine;
using CrInference.Runs.Comparison;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf compare RUN_DIR ... [--out FILE.md] [--allow-mixed-data]</c>: the model-comparison table of finished
/// <c>fit</c> and <c>evidence</c> runs (<see cref="ModelComparison"/>): Markdown on stdout, or with
/// <c>--out</c> written to FILE.md, FILE.csv (one row per run) and FILE-fine-tuning.csv (one row per run and
/// parameter). Runs on different data are refused (Δ ln Z would be meaningless) unless
/// <c>--allow-mixed-data</c>, which leaves Δ ln Z out and says so.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("runs") { Description = "Run folders of crinf fit or crinf evidence", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "Write FILE.md, FILE.csv and FILE-fine-tuning.csv (default: Markdown on stdout)" };
        var allowMixed = new Option<bool>("--allow-mixed-data") { Description = "Compare runs on different datasets (Delta ln Z is then left out)" };
        var command = new Command("compare", "Compare models: ln Z, Delta ln Z with the Jeffreys scale, chi2/dof, information gain, complexity, per-parameter fine-tuning")
        {
            runs, output, allowMixed,
        };
        command.SetAction(parse => CliApp.Guard(() =>
            ModelComparison.RunAsync(parse.GetValue(runs) ?? [], parse.GetValue(output), parse.GetValue(allowMixed), Console.Out).GetAwaiter().GetResult()));
        return command;
    }
}
