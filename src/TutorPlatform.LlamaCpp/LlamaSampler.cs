using TutorPlatform.LlamaCpp.Native;

namespace TutorPlatform.LlamaCpp;

/// <summary>Sampling settings. <see cref="Temperature"/> of 0 (or <see cref="Greedy"/>) picks the most likely token every time.</summary>
public sealed record LlamaSamplingOptions
{
    public float Temperature { get; init; } = 0.8f;

    /// <summary>Nucleus sampling; 1 turns it off.</summary>
    public float TopP { get; init; } = 0.95f;

    /// <summary>Keep the k most likely tokens; 0 turns it off.</summary>
    public int TopK { get; init; } = 40;

    /// <summary>Drop tokens below this fraction of the best token's probability; 0 turns it off.</summary>
    public float MinP { get; init; } = 0.05f;

    /// <summary>Seed of the random choice; null for a random seed.</summary>
    public uint? Seed { get; init; }

    /// <summary>Always take the most likely token (also implied by a temperature of 0 or less).</summary>
    public bool Greedy { get; init; }

    public bool IsGreedy => Greedy || Temperature <= 0;

    /// <summary>A GBNF grammar the output must follow (llama.cpp's grammar format), or null; see <see cref="LlamaGrammars"/>.</summary>
    public string? Grammar { get; init; }

    /// <summary>The grammar's start rule.</summary>
    public string GrammarRoot { get; init; } = "root";

    public static LlamaSamplingOptions GreedyDecoding { get; } = new() { Greedy = true };
}

/// <summary>A native sampler chain built from <see cref="LlamaSamplingOptions"/>. Not thread-safe; it keeps state across tokens.</summary>
public sealed class LlamaSampler : IDisposable
{
    // LLAMA_DEFAULT_SEED: llama.cpp picks a random seed.
    private const uint RandomSeed = 0xFFFFFFFF;
    private readonly SafeLlamaSamplerHandle _chain;

    private LlamaSampler(SafeLlamaSamplerHandle chain, LlamaSamplingOptions options)
    {
        _chain = chain;
        Options = options;
    }

    public LlamaSamplingOptions Options { get; }

    /// <summary>Number of samplers in the chain (greedy: 1; otherwise top-k, top-p, min-p, temperature, distribution as enabled).</summary>
    public int Length => NativeMethods.llama_sampler_chain_n(_chain);

    internal SafeLlamaSamplerHandle Handle => _chain;

    /// <param name="model">Needed for a <see cref="LlamaSamplingOptions.Grammar"/>: the grammar is matched against its vocabulary.</param>
    public static LlamaSampler Create(LlamaSamplingOptions? options = null, LlamaModel? model = null)
    {
        LlamaRuntime.ThrowIfNotInitialized();
        options ??= new LlamaSamplingOptions();
        if (options.TopP is <= 0 or > 1 || options.MinP is < 0 or > 1 || options.TopK < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "TopP must be in (0, 1], MinP in [0, 1] and TopK >= 0.");
        }

        if (options.Grammar is not null && model is null)
        {
            throw new ArgumentException("A grammar needs the model whose vocabulary it constrains.", nameof(model));
        }

        var chain = new SafeLlamaSamplerHandle(NativeMethods.llama_sampler_chain_init(NativeMethods.llama_sampler_chain_default_params()));
        // llama_sampler_chain_add takes ownership of each sampler; the chain frees them.
        if (options.Grammar is not null)
        {
            // First in the chain: tokens the grammar does not allow are removed before any other choice.
            var grammar = NativeMethods.llama_sampler_init_grammar(model!.Vocab, options.Grammar, options.GrammarRoot);
            GC.KeepAlive(model);
            if (grammar == IntPtr.Zero)
            {
                chain.Dispose();
                throw new LlamaCppException("llama.cpp could not parse the grammar" +
                    (LlamaRuntime.TakeRecentProblems() is { Length: > 0 } p ? ": " + string.Join(" | ", p.TakeLast(3)) : "."));
            }

            NativeMethods.llama_sampler_chain_add(chain, grammar);
        }

        if (options.IsGreedy)
        {
            NativeMethods.llama_sampler_chain_add(chain, NativeMethods.llama_sampler_init_greedy());
            return new LlamaSampler(chain, options);
        }

        // The order llama.cpp's own common sampling uses: top-k, top-p, min-p, temperature, then the random draw.
        if (options.TopK > 0)
        {
            NativeMethods.llama_sampler_chain_add(chain, NativeMethods.llama_sampler_init_top_k(options.TopK));
        }

        if (options.TopP < 1)
        {
            NativeMethods.llama_sampler_chain_add(chain, NativeMethods.llama_sampler_init_top_p(options.TopP, 1));
        }

        if (options.MinP > 0)
        {
            NativeMethods.llama_sampler_chain_add(chain, NativeMethods.llama_sampler_init_min_p(options.MinP, 1));
        }

        NativeMethods.llama_sampler_chain_add(chain, NativeMethods.llama_sampler_init_temp(options.Temperature));
        NativeMethods.llama_sampler_chain_add(chain, NativeMethods.llama_sampler_init_dist(options.Seed ?? RandomSeed));
        return new LlamaSampler(chain, options);
    }

    /// <summary>Forgets the state of earlier tokens (and re-seeds the random draw from the seed).</summary>
    public void Reset() => NativeMethods.llama_sampler_reset(_chain);

    public void Dispose() => _chain.Dispose();
}

/// <summary>Grammars for <see cref="LlamaSamplingOptions.Grammar"/>.</summary>
public static class LlamaGrammars
{
    /// <summary>Any JSON object: llama.cpp's own grammars/json.gbnf.</summary>
    public const string JsonObject = """
        root   ::= object
        value  ::= object | array | string | number | ("true" | "false" | "null") ws

        object ::=
          "{" ws (
                    string ":" ws value
            ("," ws string ":" ws value)*
          )? "}" ws

        array  ::=
          "[" ws (
                    value
            ("," ws value)*
          )? "]" ws

        string ::=
          "\"" (
            [^"\\\x7F\x00-\x1F] |
            "\\" (["\\bfnrt] | "u" [0-9a-fA-F]{4})
          )* "\"" ws

        number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]+)? ([eE] [-+]? [0-9] [1-9]{0,15})? ws

        ws ::= | " " | "\n" [ \t]{0,20}
        """;
}
