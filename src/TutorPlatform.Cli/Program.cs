using System.CommandLine;
using TutorPlatform.Cli.Commands;

var root = new RootCommand("TutorPlatform's command line: database operations, and (as the model runtimes land) batch scoring, evaluation, model provisioning and benchmarks.");
root.Subcommands.Add(DbCommands.Create());
BenchCommands.AddTo(root);
SpeechCommands.AddTo(root);
root.Subcommands.Add(ModelsCommands.Create());
return await root.Parse(args).InvokeAsync();
