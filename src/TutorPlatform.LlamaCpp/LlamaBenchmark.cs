using System.Diagnostics;
using TutorPlatform.LlamaCpp.Native;

namespace TutorPlatform.LlamaCpp;

/// <summary>Figures from one <see cref="LlamaBenchmark.Run"/>.</summary>
/// <param name="PromptTokensPerSecond">Prompt processing through <see cref="LlamaContext.Decode"/> (one batch).</param>
/// <param name="GenerationTokensPerSecond">Generation through <see cref="LlamaContext.Generate"/> (sample, decode, text of each token).</param>
/// <param name="BindingMicrosecondsPerToken">Wall time per generated token through the binding.</param>
/// <param name="BareNativeMicrosecondsPerToken">Wall time per token of the same loop made of bare native calls (llama_sampler_sample + llama_decode), no binding code.</param>
/// <param name="NativeEvalMicrosecondsPerToken">llama.cpp's own measure of its decode compute per generated token (llama_perf_context).</param>
/// <param name="Repetitions">Runs actually made (fewer than asked when the machine was too slow).</param>
/// <param name="TypicalBindingMicrosecondsPerToken">Median time of a single token through the binding, over all runs.</param>
/// <param name="TypicalBareNativeMicrosecondsPerToken">Median time of a single token of the bare native loop, over all runs.</param>
/// <param name="OverDecodeMicrosecondsPerToken">
/// Per token, the binding's wall time minus llama.cpp's own decode time in the same run (median over runs): everything
/// that is not llama_decode (sampling, token text, P/Invoke, the iterator). Both sides see the same machine noise, so
/// this is the steadiest figure on a busy machine.</param>
public sealed record LlamaBenchmarkResult(
    string Model,
    int Threads,
    int PromptTokens,
    int GeneratedTokens,
    int Repetitions,
    double PromptTokensPerSecond,
    double GenerationTokensPerSecond,
    double BindingMicrosecondsPerToken,
    double BareNativeMicrosecondsPerToken,
    double NativeEvalMicrosecondsPerToken,
    double TypicalBindingMicrosecondsPerToken,
    double TypicalBareNativeMicrosecondsPerToken,
    double OverDecodeMicrosecondsPerToken)
{
    /// <summary>What the binding adds per token over the bare native loop (medians of the run averages).</summary>
    public double OverheadMicrosecondsPerToken => BindingMicrosecondsPerToken - BareNativeMicrosecondsPerToken;

    /// <summary>
    /// The same from the median single-token times of all runs: a token that lost the CPU to another process moves a
    /// run's average but not this median, so on a busy machine it is the steadier figure.
    /// </summary>
    public double TypicalOverheadMicrosecondsPerToken => TypicalBindingMicrosecondsPerToken - TypicalBareNativeMicrosecondsPerToken;
}

/// <summary>
/// Measures the binding on a model: prompt and generation throughput, and the binding's own cost per token over a
/// loop of bare native calls doing the same work. Greedy decoding, so every run generates the same tokens.
/// </summary>
public static unsafe class LlamaBenchmark
{
    public static LlamaBenchmarkResult Run(LlamaModel model, int threads, int promptTokens = 128, int generatedTokens = 128, int repetitions = 7, TimeSpan? maxDuration = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(promptTokens, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(generatedTokens, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var timeLimit = maxDuration ?? TimeSpan.FromSeconds(60);
        var contextSize = promptTokens + generatedTokens + 8;
        using var context = model.CreateContext(new LlamaContextOptions { ContextSize = contextSize, Threads = threads, BatchSize = Math.Max(promptTokens, 32) });
        using var sampler = LlamaSampler.Create(LlamaSamplingOptions.GreedyDecoding);
        var prompt = BuildPrompt(model, promptTokens);

        // Warm up: the first decodes allocate compute graphs and buffers.
        foreach (var _ in context.Generate(prompt, sampler, 8)) { }

        var promptSeconds = new List<double>();
        var bindingPerToken = new List<double>();
        var barePerToken = new List<double>();
        var evalPerToken = new List<double>();
        var bindingTokenTimes = new List<double>();
        var overDecode = new List<double>();
        var bareTokenTimes = new List<double>();
        var budget = Stopwatch.StartNew();
        var runs = 0;
        // Stop early (after at least two runs) when the machine is so slow that the runs would take minutes.
        for (var run = 0; run < repetitions && (run < 2 || budget.Elapsed < timeLimit); run++)
        {
            runs++;
            context.ClearMemory();
            var started = Stopwatch.GetTimestamp();
            context.Decode(prompt);
            promptSeconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);

            // Alternate the order so that drifting machine load does not favour either loop.
            if (run % 2 == 1)
            {
                barePerToken.Add(BareNativeLoop(context, sampler, prompt, generatedTokens, bareTokenTimes));
            }

            // Through the binding. Time from the first token to the last, so the prompt is not counted.
            context.ResetPerf();
            long first = 0, previous = 0;
            var count = 0;
            var generation = context.Generate(prompt, sampler, generatedTokens);
            foreach (var _ in generation)
            {
                var now = Stopwatch.GetTimestamp();
                if (++count == 1)
                {
                    first = now;
                }
                else
                {
                    bindingTokenTimes.Add(Stopwatch.GetElapsedTime(previous, now).TotalMicroseconds);
                }

                previous = now;
            }

            var perf = context.Perf;
            bindingPerToken.Add(Stopwatch.GetElapsedTime(first, previous).TotalMicroseconds / Math.Max(1, count - 1));
            evalPerToken.Add(perf.EvalMs * 1000 / Math.Max(1, perf.EvalTokens));
            overDecode.Add(bindingPerToken[^1] - evalPerToken[^1]);
            if (count < generatedTokens)
            {
                throw new LlamaCppException($"The model stopped after {count} tokens; the benchmark needs {generatedTokens}.");
            }

            if (run % 2 == 0)
            {
                barePerToken.Add(BareNativeLoop(context, sampler, prompt, generatedTokens, bareTokenTimes));
            }
        }

        return new LlamaBenchmarkResult(
            Path.GetFileName(model.Path), context.Threads, prompt.Length, generatedTokens, runs,
            prompt.Length / Median(promptSeconds),
            1e6 / Median(bindingPerToken),
            Median(bindingPerToken),
            Median(barePerToken),
            Median(evalPerToken),
            Median(bindingTokenTimes),
            Median(bareTokenTimes),
            Median(overDecode));
    }

    // The same work as LlamaGeneration's loop, with nothing but native calls: sample, then decode one token.
    private static double BareNativeLoop(LlamaContext context, LlamaSampler sampler, int[] prompt, int tokens, List<double> tokenTimes)
    {
        var handle = context.Handle;
        var samplerHandle = sampler.Handle;
        context.ClearMemory();
        sampler.Reset();
        context.Decode(prompt);

        var token = 0;
        var position = prompt.Length;
        var seqZero = 0;
        var seqPointer = (IntPtr)(&seqZero);
        var nSeqId = 1;
        sbyte output = 1;
        var batch = new LlamaBatch
        {
            NTokens = 1,
            Token = &token,
            Pos = &position,
            NSeqId = &nSeqId,
            SeqId = (int**)&seqPointer,
            Logits = &output,
        };

        long first = 0, previous = 0;
        for (var i = 0; i < tokens; i++)
        {
            token = NativeMethods.llama_sampler_sample(samplerHandle, handle, -1);
            var now = Stopwatch.GetTimestamp();
            if (i == 0)
            {
                first = now;
            }
            else
            {
                tokenTimes.Add(Stopwatch.GetElapsedTime(previous, now).TotalMicroseconds);
            }

            previous = now;

            if (i == tokens - 1)
            {
                break;
            }

            if (NativeMethods.llama_decode(handle, batch) != 0)
            {
                throw new LlamaCppException("llama_decode failed during the benchmark.");
            }

            position++;
        }

        var elapsed = Stopwatch.GetElapsedTime(first, previous).TotalMicroseconds / Math.Max(1, tokens - 1);
        context.ClearMemory();
        return elapsed;
    }

    private static int[] BuildPrompt(LlamaModel model, int length)
    {
        var tokens = new List<int>();
        const string Text = "Once upon a time, there was a little girl named Lily. She loved to play outside in the park with her dog. ";
        var sentence = model.Tokenize(Text, addSpecial: false);
        tokens.Add(model.BosToken);
        while (tokens.Count < length)
        {
            tokens.AddRange(sentence);
        }

        return [.. tokens.Take(length)];
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

}
