using System.CommandLine;
using System.Globalization;
using CrInference.Runs;
using CrInference.Data;

namespace CrInference.Cli.Commands;

/// <summary><c>crinf data list</c> and <c>crinf data show ID</c>.</summary>
public static class DataCommands
{
    public static Command Create()
    {
        var list = new Command("list", "List the bundled datasets with their ids, axes and sizes");
        list.SetAction(_ => CliApp.Guard(() =>
        {
            var catalog = new DatasetCatalog(RepositoryPaths.DataDirectory);
            // Every table is read before anything is printed: a damaged one is one line on stderr, nothing on stdout.
            var datasets = DatasetCatalog.Ids.Select(catalog.Load).ToList();
            Console.WriteLine($"{"id",-20} {"points",6}  {"axis",-22} {"range",-22} reference");
            foreach (var d in datasets)
            {
                string axis = d.Axis == DatasetAxis.RigidityGV ? "rigidity [GV]" : "E_k/n [GeV/n]";
                string range = string.Create(CultureInfo.InvariantCulture, $"{d.Points[0].Centre:G4} - {d.Points[^1].Centre:G4}");
                Console.WriteLine($"{d.Id,-20} {d.Points.Length,6}  {axis,-22} {range,-22} {d.Reference}");
            }
            return 0;
        }));

        var id = new Argument<string>("id") { Description = "Dataset id, e.g. ams02-p-2015" };
        var show = new Command("show", "Print one dataset as CSV (axis centre, bin edges, value, errors)") { id };
        show.SetAction(parse => CliApp.Guard(() =>
        {
            var catalog = new DatasetCatalog(RepositoryPaths.DataDirectory);
            string name = parse.GetValue(id)!;
            if (!DatasetCatalog.Exists(name))
            {
                throw new UserInputException($"unknown dataset id '{name}' (known: {string.Join(", ", DatasetCatalog.Ids)})");
            }
            var d = catalog.Load(name);
            string axis = d.Axis == DatasetAxis.RigidityGV ? "rigidity_GV" : "ekn_GeV_per_n";
            Console.WriteLine($"# {d.Id}: {d.Title} ({d.Reference}); file data/{d.FileName}; values in {d.ValueUnit}");
            Console.WriteLine($"{axis},bin_low,bin_high,value,stat_err,sys_err,total_err");
            foreach (var p in d.Points)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Centre:R},{p.BinLow?.ToString("R", CultureInfo.InvariantCulture) ?? ""},{p.BinHigh?.ToString("R", CultureInfo.InvariantCulture) ?? ""},{p.Value:R},{p.StatError:R},{p.SysError:R},{p.TotalError:R}"));
            }
            return 0;
        }));

        return new Command("data", "Inspect the bundled AMS-02 and Voyager tables") { list, show };
    }
}
