return CrInference.Cli.CliApp.Run(args);
