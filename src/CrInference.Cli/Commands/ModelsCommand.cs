using System.CommandLine;
using System.Globalization;
using CrInference.Runs;
using CrInference.Physics.Models;

namespace CrInference.Cli.Commands;

/// <summary><c>crinf models [NAME]</c>: every forward model with its parameters, units, fiducial values and options.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "Show only this model", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("models", "List the transport models, their parameters (unit, fiducial value) and options") { name };
        command.SetAction(parse => CliApp.Guard(() =>
        {
            string? only = parse.GetValue(name);
            IEnumerable<IForwardModel> models = ModelCatalog.All;
            if (only is not null)
            {
                var (model, error) = ModelCatalog.Get(only);
                models = [model ?? throw new UserInputException(error!)];
            }
            foreach (var model in models)
            {
                Console.WriteLine($"{model.Name}: {model.Summary}");
                Console.WriteLine($"  predicts: {model.Provides}");
                foreach (var p in model.Parameters)
                {
                    string fiducial = p.Fiducial.ToString("G6", CultureInfo.InvariantCulture);
                    Console.WriteLine($"  {p.Name,-22} {fiducial,12} {p.Unit,-14} {p.Description}");
                }
                foreach (var o in model.Options)
                {
                    Console.WriteLine($"  option {o.Name} = {o.Default} ({string.Join(" | ", o.Allowed)}): {o.Description}");
                }
                Console.WriteLine();
            }
            return 0;
        }));
        return command;
    }
}
