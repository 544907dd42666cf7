using System.Runtime.InteropServices;
using System.Text;
using TutorPlatform.LlamaCpp.Native;

namespace TutorPlatform.LlamaCpp;

/// <summary>How to load a model file.</summary>
public sealed record LlamaModelLoadOptions
{
    /// <summary>Load only the vocabulary (tokenizer and chat template), no weights: enough to tokenize, not to generate.</summary>
    public bool VocabOnly { get; init; }
}

/// <summary>One message for <see cref="LlamaModel.ApplyChatTemplate"/>.</summary>
public sealed record LlamaChatMessage(string Role, string Content);

/// <summary>A chat formatted for the model, and which template did it.</summary>
/// <param name="Text">The prompt text, ready to tokenize with special tokens parsed.</param>
/// <param name="Template">The template applied: the model's own (its text) or a built-in name such as <c>chatml</c>.</param>
/// <param name="IsModelTemplate">True when the model's own template was used, false for the fallback.</param>
public sealed record LlamaChatPrompt(string Text, string Template, bool IsModelTemplate);

/// <summary>A GGUF model loaded through llama.cpp. Thread-safe for tokenizing and templating; contexts are not shared.</summary>
public sealed unsafe class LlamaModel : IDisposable
{
    private static readonly byte[] GgufMagic = "GGUF"u8.ToArray();
    private readonly SafeLlamaModelHandle _handle;
    private readonly IntPtr _vocab;

    private LlamaModel(SafeLlamaModelHandle handle, string path, bool vocabOnly)
    {
        _handle = handle;
        _vocab = NativeMethods.llama_model_get_vocab(handle);
        Path = path;
        VocabOnly = vocabOnly;
        VocabularySize = NativeMethods.llama_vocab_n_tokens(_vocab);
        TrainingContextSize = NativeMethods.llama_model_n_ctx_train(handle);
        ParameterCount = (long)NativeMethods.llama_model_n_params(handle);
        BosToken = NativeMethods.llama_vocab_bos(_vocab);
        EosToken = NativeMethods.llama_vocab_eos(_vocab);
        AddsBos = NativeMethods.llama_vocab_get_add_bos(_vocab);
        Description = ReadString((buf, size) => NativeMethods.llama_model_desc(handle, buf, size)) ?? "";
        _specialTokenTexts = new Lazy<string[]>(ReadSpecialTokenTexts);
        var template = NativeMethods.llama_model_chat_template(handle, null);
        ChatTemplate = template == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(template);
    }

    public string Path { get; }

    public bool VocabOnly { get; }

    /// <summary>llama.cpp's short description, e.g. "llama ?B all F32".</summary>
    public string Description { get; }

    public int VocabularySize { get; }

    public int TrainingContextSize { get; }

    public long ParameterCount { get; }

    public int BosToken { get; }

    public int EosToken { get; }

    /// <summary>Whether the tokenizer adds BOS when asked to add special tokens.</summary>
    public bool AddsBos { get; }

    /// <summary>The model's own chat template (tokenizer.chat_template), or null when it has none.</summary>
    public string? ChatTemplate { get; }

    internal SafeLlamaModelHandle Handle => _handle;

    internal IntPtr Vocab => _vocab;

    /// <summary>Texts of the control and user-defined tokens (e.g. <c>&lt;|im_start|&gt;</c>) that special-token parsing turns into tokens.</summary>
    public IReadOnlyList<string> SpecialTokenTexts => _specialTokenTexts.Value;

    private readonly Lazy<string[]> _specialTokenTexts;

    /// <summary>Loads a GGUF file. Never crashes the process on a bad file: it throws <see cref="LlamaModelLoadException"/>.</summary>
    public static LlamaModel Load(string path, LlamaModelLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        LlamaRuntime.ThrowIfNotInitialized();
        options ??= new LlamaModelLoadOptions();
        var fullPath = System.IO.Path.GetFullPath(path);
        CheckGgufFile(fullPath);

        var parameters = NativeMethods.llama_model_default_params();
        parameters.VocabOnly = options.VocabOnly ? (byte)1 : (byte)0;
        parameters.NGpuLayers = 0;
        LlamaRuntime.TakeRecentProblems();
        var raw = NativeMethods.llama_model_load_from_file(fullPath, parameters);
        if (raw == IntPtr.Zero)
        {
            var problems = LlamaRuntime.TakeRecentProblems();
            var detail = problems.Length == 0 ? "" : " llama.cpp said: " + string.Join(" | ", problems.TakeLast(4));
            throw new LlamaModelLoadException($"llama.cpp could not load the model '{fullPath}' (a damaged or unsupported GGUF file?).{detail}")
            {
                ModelPath = fullPath,
            };
        }

        return new LlamaModel(new SafeLlamaModelHandle(raw), fullPath, options.VocabOnly);
    }

    /// <summary>Reads a GGUF metadata value as a string (null when the key is absent).</summary>
    public string? GetMetadata(string key) =>
        ReadString((buf, size) => NativeMethods.llama_model_meta_val_str(_handle, key, buf, size));

    /// <summary>Text to token ids.</summary>
    /// <param name="addSpecial">Add BOS/EOS where the model asks for them.</param>
    /// <param name="parseSpecial">Recognise special-token text such as <c>&lt;|im_start|&gt;</c> as those tokens (for formatted chat prompts; never for untrusted text alone).</param>
    public int[] Tokenize(string text, bool addSpecial = true, bool parseSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var capacity = bytes.Length + 8;
        while (true)
        {
            var tokens = new int[capacity];
            int count;
            fixed (byte* textPtr = bytes)
            fixed (int* tokensPtr = tokens)
            {
                count = NativeMethods.llama_tokenize(_vocab, textPtr, bytes.Length, tokensPtr, capacity, addSpecial, parseSpecial);
            }

            GC.KeepAlive(this);
            if (count == int.MinValue)
            {
                throw new LlamaCppException("The text is too long to tokenize.");
            }

            if (count >= 0)
            {
                return count == capacity ? tokens : tokens[..count];
            }

            capacity = -count;
        }
    }

    /// <summary>Token ids to text.</summary>
    public string Detokenize(ReadOnlySpan<int> tokens, bool removeSpecial = false, bool unparseSpecial = false)
    {
        var capacity = Math.Max(16, tokens.Length * 8);
        while (true)
        {
            var buffer = new byte[capacity];
            int length;
            fixed (int* tokensPtr = tokens)
            fixed (byte* bufferPtr = buffer)
            {
                length = NativeMethods.llama_detokenize(_vocab, tokensPtr, tokens.Length, bufferPtr, capacity, removeSpecial, unparseSpecial);
            }

            GC.KeepAlive(this);
            if (length >= 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }

            capacity = -length;
        }
    }

    /// <summary>The UTF-8 bytes of one token (may be part of a character: decode a stream of them with a stateful decoder).</summary>
    public byte[] TokenToPiece(int token, bool special = false)
    {
        Span<byte> small = stackalloc byte[64];
        var length = TokenToPiece(token, small, special);
        if (length >= 0)
        {
            return small[..length].ToArray();
        }

        var large = new byte[-length];
        length = TokenToPiece(token, large, special);
        return large[..length];
    }

    internal int TokenToPiece(int token, Span<byte> buffer, bool special)
    {
        fixed (byte* ptr = buffer)
        {
            var length = NativeMethods.llama_token_to_piece(_vocab, token, ptr, buffer.Length, 0, special);
            GC.KeepAlive(this);
            return length;
        }
    }

    /// <summary>True for end-of-generation tokens (EOS, EOT and the like).</summary>
    public bool IsEndOfGeneration(int token) => NativeMethods.llama_vocab_is_eog(_vocab, token);

    /// <summary>The names of llama.cpp's built-in chat templates (chatml, llama3, phi3, ...).</summary>
    public static IReadOnlyList<string> BuiltInChatTemplates()
    {
        LlamaRuntime.ThrowIfNotInitialized();
        var count = NativeMethods.llama_chat_builtin_templates(null, 0);
        var names = new IntPtr[count];
        fixed (IntPtr* ptr = names)
        {
            count = Math.Min(count, NativeMethods.llama_chat_builtin_templates(ptr, (nuint)count));
        }

        return names.Take(count).Select(n => Marshal.PtrToStringUTF8(n) ?? "").ToArray();
    }

    /// <summary>
    /// Formats a chat with the model's own template through <c>llama_chat_apply_template</c>; when the model has
    /// none, or llama.cpp does not recognise it, with the built-in <paramref name="fallbackTemplate"/>.
    /// </summary>
    /// <param name="template">Force a template (a built-in name or template text) instead of the model's.</param>
    public LlamaChatPrompt ApplyChatTemplate(IReadOnlyList<LlamaChatMessage> messages, bool addAssistantPrompt = true,
        string? template = null, string fallbackTemplate = "chatml")
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (template is not null)
        {
            return new LlamaChatPrompt(
                Apply(template, messages, addAssistantPrompt) ?? throw new LlamaCppException($"llama.cpp does not support the chat template '{Shorten(template)}'."),
                template, IsModelTemplate: false);
        }

        if (ChatTemplate is not null && Apply(ChatTemplate, messages, addAssistantPrompt) is { } own)
        {
            return new LlamaChatPrompt(own, ChatTemplate, IsModelTemplate: true);
        }

        var fallback = Apply(fallbackTemplate, messages, addAssistantPrompt)
            ?? throw new LlamaCppException($"llama.cpp does not support the fallback chat template '{fallbackTemplate}'.");
        return new LlamaChatPrompt(fallback, fallbackTemplate, IsModelTemplate: false);
    }

    /// <summary>Applies a template without a model (a built-in name or template text); null when llama.cpp does not support it.</summary>
    public static string? ApplyTemplate(string template, IReadOnlyList<LlamaChatMessage> messages, bool addAssistantPrompt = true)
    {
        LlamaRuntime.ThrowIfNotInitialized();
        return Apply(template, messages, addAssistantPrompt);
    }

    private static string? Apply(string template, IReadOnlyList<LlamaChatMessage> messages, bool addAssistantPrompt)
    {
        var handles = new List<IntPtr>(messages.Count * 2 + 1);
        try
        {
            var tmpl = Marshal.StringToCoTaskMemUTF8(template);
            handles.Add(tmpl);
            var native = new LlamaChatMessageNative[messages.Count];
            var totalChars = 0;
            for (var i = 0; i < messages.Count; i++)
            {
                var role = Marshal.StringToCoTaskMemUTF8(messages[i].Role);
                handles.Add(role);
                var content = Marshal.StringToCoTaskMemUTF8(messages[i].Content);
                handles.Add(content);
                native[i] = new LlamaChatMessageNative { Role = role, Content = content };
                totalChars += messages[i].Role.Length + messages[i].Content.Length;
            }

            var capacity = Math.Max(256, totalChars * 4);
            while (true)
            {
                var buffer = new byte[capacity];
                int length;
                fixed (LlamaChatMessageNative* chat = native)
                fixed (byte* bufferPtr = buffer)
                {
                    length = NativeMethods.llama_chat_apply_template((byte*)tmpl, chat, (nuint)native.Length, addAssistantPrompt, bufferPtr, capacity);
                }

                if (length < 0)
                {
                    return null;
                }

                if (length <= capacity)
                {
                    return Encoding.UTF8.GetString(buffer, 0, length);
                }

                capacity = length;
            }
        }
        finally
        {
            foreach (var handle in handles)
            {
                Marshal.FreeCoTaskMem(handle);
            }
        }
    }

    /// <summary>
    /// Makes text safe to put inside a chat prompt that is tokenized with special tokens parsed: any special-token
    /// text in it (a forged <c>&lt;|im_start|&gt;system</c>, say) gets a zero-width space after its first character,
    /// so it stays readable but tokenizes as plain text and cannot open or close a turn.
    /// </summary>
    public string NeutralizeSpecialTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var special in SpecialTokenTexts)
        {
            if (text.Contains(special, StringComparison.Ordinal))
            {
                text = text.Replace(special, string.Concat(special.AsSpan(0, 1), "\u200B", special.AsSpan(1)), StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>Creates an inference context (its own KV memory) for this model.</summary>
    public LlamaContext CreateContext(LlamaContextOptions? options = null)
    {
        if (VocabOnly)
        {
            throw new LlamaCppException($"'{Path}' was loaded vocabulary-only: it can tokenize but has no weights to run.");
        }

        return new LlamaContext(this, options ?? new LlamaContextOptions());
    }

    public void Dispose() => _handle.Dispose();

    private delegate int StringReader(byte* buffer, nuint size);

    private static string? ReadString(StringReader read)
    {
        var capacity = 256;
        while (true)
        {
            var buffer = new byte[capacity];
            int length;
            fixed (byte* ptr = buffer)
            {
                length = read(ptr, (nuint)capacity);
            }

            if (length < 0)
            {
                return null;
            }

            if (length < capacity)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }

            capacity = length + 1;
        }
    }

    private string[] ReadSpecialTokenTexts()
    {
        const int Control = 1 << 3, UserDefined = 1 << 4;
        var texts = new List<string>();
        for (var token = 0; token < VocabularySize; token++)
        {
            if ((NativeMethods.llama_vocab_get_attr(_vocab, token) & (Control | UserDefined)) == 0)
            {
                continue;
            }

            var text = Marshal.PtrToStringUTF8(NativeMethods.llama_vocab_get_text(_vocab, token));
            if (text is { Length: > 1 })
            {
                texts.Add(text);
            }
        }

        GC.KeepAlive(this);
        // Longest first, so "<|im_start|>" is handled before a shorter special text inside it.
        return texts.Distinct(StringComparer.Ordinal).OrderByDescending(t => t.Length).ToArray();
    }

    private static void CheckGgufFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new LlamaModelLoadException($"The model file '{path}' does not exist.") { ModelPath = path };
        }

        Span<byte> header = stackalloc byte[8];
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header[..4].SequenceEqual(GgufMagic))
            {
                throw new LlamaModelLoadException($"The model file '{path}' is not a GGUF file (it does not start with the GGUF magic).") { ModelPath = path };
            }
        }
        catch (IOException ex)
        {
            throw new LlamaModelLoadException($"The model file '{path}' cannot be read: {ex.Message}", ex) { ModelPath = path };
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new LlamaModelLoadException($"The model file '{path}' cannot be read: {ex.Message}", ex) { ModelPath = path };
        }

        var version = BitConverter.ToUInt32(header[4..]);
        if (version is < 2 or > 3)
        {
            throw new LlamaModelLoadException($"The model file '{path}' has GGUF version {version}; llama.cpp reads versions 2 and 3.") { ModelPath = path };
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
