using System.CommandLine;
using Microsoft.Extensions.Configuration;
using TutorPlatform.Core.Common;
using TutorPlatform.LlamaCpp;

namespace TutorPlatform.Cli.Commands;

/// <summary>
/// <c>tutor bench</c>: benchmarks of the models on this machine (figures to read, not timed tests). Each section adds
/// its own subcommand to the one <c>bench</c> command: <c>BenchCommands.In(root).Subcommands.Add(...)</c>.
/// This file owns <c>tutor bench models</c>, the in-process llama.cpp binding.
/// </summary>
internal static class BenchCommands
{
    public const string Name = "bench";

    private static readonly Option<string?> ModelOption = new("--model")
    {
        Description = "GGUF file to measure; default: Models:Chat:LlamaCpp:ModelPath, else ../shared/models/stories260K.gguf next to the repository.",
    };

    private static readonly Option<string> ThreadsOption = new("--threads")
    {
        Description = "Comma-separated thread counts to measure, e.g. 1,2.",
        DefaultValueFactory = _ => string.Join(',', new[] { 1, Environment.ProcessorCount }.Distinct()),
    };

    private static readonly Option<int> PromptTokensOption = new("--prompt-tokens")
    {
        Description = "Prompt length in tokens.",
        DefaultValueFactory = _ => 128,
    };

    private static readonly Option<int> TokensOption = new("--tokens")
    {
        Description = "Tokens to generate per run.",
        DefaultValueFactory = _ => 128,
    };

    private static readonly Option<int> RepetitionsOption = new("--repetitions")
    {
        Description = "Runs per thread count (fewer when they take over 60 s); medians are reported.",
        DefaultValueFactory = _ => 7,
    };

    private static readonly Option<string?> NativeOption = new("--native-dir")
    {
        Description = "Folder with llama.cpp's libraries; default: Models:Chat:LlamaCpp:NativeDirectory, else .native/llama (scripts/deps/llama.sh).",
    };

    /// <summary>Adds <c>bench models</c> under the root's <c>bench</c> command, creating it if no other section has.</summary>
    public static void AddTo(RootCommand root) => In(root).Subcommands.Add(CreateModels());

    /// <summary>The root's <c>bench</c> command, created on first use, for every section's benchmarks.</summary>
    public static Command In(RootCommand root)
    {
        var bench = root.Subcommands.FirstOrDefault(c => c.Name == Name);
        if (bench is null)
        {
            bench = Create();
            root.Subcommands.Add(bench);
        }

        return bench;
    }

    /// <summary>An empty <c>bench</c> command.</summary>
    public static Command Create() => new(Name, "Benchmarks of the on-device models on this machine (not timed tests).");

    private static Command CreateModels()
    {
        var models = new Command("models",
            "Tokens per second of the in-process llama.cpp binding (prompt processing and generation) per thread count, " +
            "and the binding's own overhead per token over a loop of bare native calls.");
        models.Options.Add(ModelOption);
        models.Options.Add(ThreadsOption);
        models.Options.Add(PromptTokensOption);
        models.Options.Add(TokensOption);
        models.Options.Add(RepetitionsOption);
        models.Options.Add(NativeOption);
        models.SetAction((result, _) => Task.FromResult(RunModels(result)));
        return models;
    }

    private static int RunModels(ParseResult result)
    {
        try
        {
            var configuration = CliConfiguration.Load();
            var modelPath = result.GetValue(ModelOption) ?? configuration["Models:Chat:LlamaCpp:ModelPath"] ?? FindSharedModel("stories260K.gguf");
            var nativeDirectory = result.GetValue(NativeOption) ?? configuration["Models:Chat:LlamaCpp:NativeDirectory"]
                ?? LlamaRuntime.DefaultNativeDirectory(Directory.GetCurrentDirectory());
            var threads = ParseThreads(result.GetValue(ThreadsOption)!);
            var promptTokens = result.GetValue(PromptTokensOption);
            var tokens = result.GetValue(TokensOption);
            var repetitions = result.GetValue(RepetitionsOption);

            LlamaRuntime.Initialize(nativeDirectory);
            using var model = LlamaModel.Load(modelPath);
            Console.WriteLine($"Model:    {Path.GetFileName(model.Path)} ({model.Description}, {model.ParameterCount:N0} parameters, vocabulary {model.VocabularySize})");
            Console.WriteLine($"Native:   llama.cpp from {LlamaRuntime.NativeDirectory}, backend {string.Join(", ", LlamaRuntime.Devices)}");
            Console.WriteLine($"Machine:  {Environment.ProcessorCount} logical processors; load average {LoadAverage()}");
            Console.WriteLine($"Workload: {promptTokens}-token prompt, {tokens} greedy tokens, {repetitions} runs per thread count (run medians; 'typical' = median single token)");
            Console.WriteLine();
            Console.WriteLine("threads  prompt tok/s  generate tok/s  binding us/tok  llama decode us/tok  over decode us/tok  bare loop us/tok  over bare loop us/tok (median / typical)  runs");
            foreach (var count in threads)
            {
                var r = LlamaBenchmark.Run(model, count, promptTokens, tokens, repetitions);
                Console.WriteLine(
                    $"{r.Threads,7}  {r.PromptTokensPerSecond,12:N0}  {r.GenerationTokensPerSecond,14:N0}  {r.BindingMicrosecondsPerToken,14:N1}  " +
                    $"{r.NativeEvalMicrosecondsPerToken,19:N1}  {r.OverDecodeMicrosecondsPerToken,18:N1}  {r.BareNativeMicrosecondsPerToken,16:N1}  " +
                    $"{r.OverheadMicrosecondsPerToken,12:N1} / {r.TypicalOverheadMicrosecondsPerToken,-12:N1}  {r.Repetitions,4}");
            }

            Console.WriteLine();
            Console.WriteLine("binding = wall time per token through LlamaContext.Generate (sample, decode, token text). llama decode = llama.cpp's own time");
            Console.WriteLine("in llama_decode (llama_perf_context), same runs; 'over decode' = binding - llama decode: the binding's cost per token over the");
            Console.WriteLine("native decode call alone (sampling included). bare loop = llama_sampler_sample + llama_decode called directly, no binding code,");
            Console.WriteLine("in separate runs (noisier); 'typical' compares median single tokens. Runs stop early after 60 s per thread count.");
            return 0;
        }
        catch (Exception ex) when (ex is LlamaCppException or CliException or FileNotFoundException)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static int[] ParseThreads(string value)
    {
        var threads = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, out var n) && n > 0 ? n : throw new CliException($"--threads: '{t}' is not a positive number."))
            .ToArray();
        return threads.Length > 0 ? threads : throw new CliException("--threads: give at least one thread count.");
    }

    private static string FindSharedModel(string fileName) =>
        Checkout.FindShared(Path.Combine("models", fileName)) ?? throw new CliException($"No model given: pass --model PATH (or set Models:Chat:LlamaCpp:ModelPath); ../shared/models/{fileName} was not found.");

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
