using System.CommandLine;
using TutorPlatform.Cli.Commands;

var root = new RootCommand("TutorPlatform's command line: database operations, model provisioning, batch speech transcription and benchmarks (essay and pronunciation scoring arrive with the coaches).");
root.Subcommands.Add(DbCommands.Create());
BenchCommands.AddTo(root);
SpeechCommands.AddTo(root);
root.Subcommands.Add(ModelsCommands.Create());
return await root.Parse(args).InvokeAsync();
