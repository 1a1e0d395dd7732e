using System.CommandLine;
using CrInference.Cli.Commands;
using CrInference.Data;
using CrInference.Runs;

namespace CrInference.Cli;

/// <summary>The command tree of <c>crinf</c> and its error policy: bad input prints one line
/// <c>error: ...</c> on stderr and exits 2; a failure to write (a full disk) prints one line and exits 1; success exits 0.</summary>
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
            // A word the parser did not know explains more than the command it then misses.
            var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            Console.Error.WriteLine($"error: {error.Message}");
            return UsageError;
        }
        return parse.Invoke();
    }

    /// <summary>Exit code for a failure of the machine rather than the input (a full disk, an I/O error).</summary>
    public const int EnvironmentError = 1;

    /// <summary>Runs a command body, mapping input errors to one line and exit code 2, and failures to write or read
    /// (a full disk) to one line and exit code 1.</summary>
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
        catch (Exception e) when (e is RunStorageException or IOException)
        {
            Console.Error.WriteLine($"error: {OneLine(e.Message)}");
            return EnvironmentError;
        }
    }

    private static bool IsUserError(Exception e) =>
        e is UserInputException or DataFormatException or Config.ConfigException or Storage.Parquet.ChainTableException or Plotting.PlotInputException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
