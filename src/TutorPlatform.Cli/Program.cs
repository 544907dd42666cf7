using System.CommandLine;
using TutorPlatform.Cli.Commands;

var root = new RootCommand("TutorPlatform's command line: database operations, model provisioning, batch essay scoring and correction, batch speech transcription and assessment, evaluation and benchmarks.");
root.Subcommands.Add(DbCommands.Create());
BenchCommands.AddTo(root);
SpeechCommands.AddTo(root);
var essays = new Command("essays", "On-device essay models: batch trait scoring, corrections, evaluation against human scores, training.");
EssayScoringCommands.AddTo(essays, root.Subcommands.First(c => c.Name == "bench"));
EssayCorrectionCommands.AddTo(essays);
root.Subcommands.Add(essays);
root.Subcommands.Add(ModelsCommands.Create());
return await root.Parse(args).InvokeAsync();
