using System.CommandLine;
using CrInference.Cli.Commands;
using CrInference.Data;
using CrInference.Runs;

namespace CrInference.Cli;

/// <summary>The command tree of <c>crinf</c> and its error policy: bad input prints one line
/// <c>error: ...</c> on stderr and exits 2; success exits 0.</summary>
public static class CliApp
{
    /// <summary>Exit code for bad user input.</summary>
    public const int UsageError = 2;

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("CrInference: cosmic-ray transport models of Kempski & Quataert (2022) fitted to AMS-02 and Voyager data");
        root.Subcommands.Add(DataCommands.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(FitCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(PlotCommands.CreateCorner());
        root.Subcommands.Add(PlotCommands.CreateTrace());
        root.Subcommands.Add(SpectraCommand.Create());
        root.Subcommands.Add(FiguresCommand.Create());
        root.Subcommands.Add(KappaCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(PipelineCommand.Create());
        root.Subcommands.Add(EvidenceCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(SbcCommand.Create());
        return root;
    }

    public static int Run(string[] args)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"error: {parse.Errors[0].Message}");
            return UsageError;
        }
        return parse.Invoke();
    }

    /// <summary>Runs a command body, mapping input errors to one line and exit code 2.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine($"error: {OneLine(e.Message)}");
            return UsageError;
        }
    }

    private static bool IsUserError(Exception e) =>
        e is UserInputException or DataFormatException or Config.ConfigException or Storage.Parquet.ChainTableException or Plotting.PlotInputException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
