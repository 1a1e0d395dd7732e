using System.CommandLine;
using CrInference.Runs;
using CrInference.Runs.Calibration;

namespace CrInference.Cli.Commands;

/// <summary>
/// <c>crinf simulate (PRIOR | --model NAME [--set k=v …] [--option k=v …]) [--truth prior|ref|fiducial|FILE.yaml]
/// [--seed S] --out DIR</c>: mock data on the real datasets' bins and errors (see <see cref="MockDataRun"/>).
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var priorFile = new Argument<string?>("priorfile") { Description = "Prior file: its datasets, cuts and error model (or give --model)", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string?>("--model") { Description = "Model name instead of a prior file: every dataset it predicts, default cuts and errors" };
        var set = new Option<string[]>("--set") { Description = "With --model: parameter value, key=value (repeatable; solar_phi_GV included, default 0)" };
        var option = new Option<string[]>("--option") { Description = "With --model: model option, key=value (repeatable)" };
        var truth = new Option<string?>("--truth") { Description = "prior (one draw), ref (ref means), fiducial (default), FILE.yaml (name: value per free parameter) or RUN_DIR (a fit's posterior medians)" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the noise (and of a prior truth)", DefaultValueFactory = _ => 1UL };
        var output = new Option<string>("--out") { Description = "Output folder: <dataset-id>.csv, truth.json, README.md", Required = true };
        var command = new Command("simulate", "Mock data on the real datasets' bins and errors, drawn from the likelihood's own error model at a true parameter point; fit them with --data-dir")
        {
            priorFile, model, set, option, truth, seed, output,
        };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            var lines = MockDataRun.Run(new SimulateRequest(parse.GetValue(priorFile), parse.GetValue(model),
                KeyValueArguments.ParseNumbers(parse.GetValue(set), "--set"), KeyValueArguments.ParseStrings(parse.GetValue(option), "--option"),
                parse.GetValue(truth), parse.GetValue(seed), parse.GetValue(output)!));
            foreach (string line in lines) Console.WriteLine(line);
            return 0;
        }));
        return command;
    }
}
