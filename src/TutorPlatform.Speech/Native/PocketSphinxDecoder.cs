using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Speech.Native;

/// <summary>Owns a <c>ps_decoder_t</c>; released with <c>ps_free</c> even if the owner forgets to dispose.</summary>
internal sealed class DecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DecoderHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => PocketSphinxNative.ps_free(handle) >= 0;
}

/// <summary>One segment of a decoding pass, in 10 ms frames (end inclusive) and raw log-base scores.</summary>
internal readonly record struct DecodedSegment(string Word, int StartFrame, int EndFrame, int AcousticScore, int LanguageScore, int Posterior);

/// <summary>The result of one decoding pass.</summary>
internal sealed record DecodedUtterance(string Hypothesis, IReadOnlyList<DecodedSegment> Segments, int Frames);

/// <summary>
/// One pocketsphinx decoder with its loaded models. NOT thread-safe: the library keeps the search state inside
/// the decoder, so a decoder serves one utterance at a time (see <see cref="DecoderPool"/>). Different decoders
/// may run on different threads at once; only their creation is serialised, because <c>ps_init</c> touches the
/// library's global log settings.
/// </summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    public const double FrameSeconds = 0.01;
    private static readonly Lock InitLock = new();
    private readonly DecoderHandle _handle;
    private readonly IntPtr _logmath;

    private PocketSphinxDecoder(DecoderHandle handle)
    {
        _handle = handle;
        _logmath = PocketSphinxNative.ps_get_logmath(handle.DangerousGetHandle());
    }

    /// <summary>Creates a decoder from command-line style arguments such as <c>-hmm</c>, <c>-dict</c>, <c>-lm</c>.</summary>
    /// <exception cref="SpeechEngineException">The library is missing, an argument is unknown, or the models do not load.</exception>
    public static PocketSphinxDecoder Create(IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        PocketSphinxNative.EnsureLoaded();
        lock (InitLock)
        {
            var config = ParseArguments(arguments);
            try
            {
                var decoder = PocketSphinxNative.ps_init(config);
                if (decoder == IntPtr.Zero)
                {
                    throw new SpeechEngineException(
                        "pocketsphinx could not load its models with " + string.Join(' ', arguments.Select(a => $"{a.Key} {a.Value}")) +
                        ". Check the Speech options' model paths, or run scripts/deps/speech.sh.");
                }

                var handle = new DecoderHandle();
                Marshal.InitHandle(handle, decoder);
                return new PocketSphinxDecoder(handle);
            }
            finally
            {
                // ps_init keeps its own reference to the configuration.
                _ = PocketSphinxNative.cmd_ln_free_r(config);
            }
        }
    }

    private static unsafe IntPtr ParseArguments(IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        var strings = arguments.SelectMany(a => new[] { a.Key, a.Value }).ToArray();
        var buffers = strings.Select(s => Marshal.StringToCoTaskMemUTF8(s)).ToArray();
        try
        {
            var argv = stackalloc byte*[buffers.Length + 1];
            for (var i = 0; i < buffers.Length; i++)
            {
                argv[i] = (byte*)buffers[i];
            }

            argv[buffers.Length] = null;
            var config = PocketSphinxNative.cmd_ln_parse_r(IntPtr.Zero, PocketSphinxNative.ps_args(), buffers.Length, argv, 1);
            return config != IntPtr.Zero
                ? config
                : throw new SpeechEngineException("pocketsphinx rejected its arguments: " + string.Join(' ', strings));
        }
        finally
        {
            foreach (var buffer in buffers)
            {
                Marshal.FreeCoTaskMem(buffer);
            }
        }
    }

    private IntPtr Ptr
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>Converts a score in the library's log base to a natural logarithm.</summary>
    public double ToNaturalLog(int score) => PocketSphinxNative.logmath_log_to_ln(_logmath, score);

    /// <summary>Adds a word to the dictionary (phones separated by spaces); <paramref name="update"/> rebuilds the active search.</summary>
    public void AddWord(string word, string phones, bool update)
    {
        if (PocketSphinxNative.ps_add_word(Ptr, word, phones, update ? 1 : 0) < 0)
        {
            throw new SpeechEngineException($"pocketsphinx could not add the word '{word}' ({phones}) to its dictionary.");
        }
    }

    /// <summary>Adds or replaces a JSGF grammar search.</summary>
    /// <param name="settings">Numeric search settings (such as <c>-lw</c>, <c>-wip</c>) for this search only; a search reads them when it is built.</param>
    /// <returns>False when the grammar does not compile (for example a word missing from the dictionary).</returns>
    public bool TrySetGrammar(string name, string jsgf, IReadOnlyDictionary<string, double>? settings = null) =>
        WithSettings(settings, ps => PocketSphinxNative.ps_set_jsgf_string(ps, name, jsgf)) >= 0;

    /// <summary>Adds or replaces a phone-loop search with a phone language model.</summary>
    public void SetPhoneLoop(string name, string phoneLanguageModelPath, IReadOnlyDictionary<string, double>? settings = null)
    {
        if (WithSettings(settings, ps => PocketSphinxNative.ps_set_allphone_file(ps, name, phoneLanguageModelPath)) < 0)
        {
            throw new SpeechEngineException($"pocketsphinx could not load the phone language model {phoneLanguageModelPath}.");
        }
    }

    // Searches copy their settings from the decoder's configuration when built: set, build, restore.
    private int WithSettings(IReadOnlyDictionary<string, double>? settings, Func<IntPtr, int> build)
    {
        var ps = Ptr;
        var config = PocketSphinxNative.ps_get_config(ps);
        var saved = settings?.ToDictionary(s => s.Key, s => PocketSphinxNative.cmd_ln_float_r(config, s.Key)) ?? [];
        try
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, double>())
            {
                PocketSphinxNative.cmd_ln_set_float_r(config, key, value);
            }

            return build(ps);
        }
        finally
        {
            foreach (var (key, value) in saved)
            {
                PocketSphinxNative.cmd_ln_set_float_r(config, key, value);
            }
        }
    }

    /// <summary>Adds or replaces an n-gram search; the decoder keeps its own reference to <paramref name="model"/>.</summary>
    public void SetLanguageModel(string name, NgramModel model)
    {
        if (PocketSphinxNative.ps_set_lm(Ptr, name, model.Pointer) < 0)
        {
            throw new SpeechEngineException($"pocketsphinx could not use the language model for search '{name}'.");
        }
    }

    /// <summary>The n-gram model of a search, with a new reference the caller must dispose; null if the search has none.</summary>
    public NgramModel? GetLanguageModel(string name)
    {
        var lm = PocketSphinxNative.ps_get_lm(Ptr, name);
        return lm == IntPtr.Zero ? null : NgramModel.Retain(lm);
    }

    /// <summary>Reads a language model (ARPA or binary) with this decoder's configuration and log base.</summary>
    public NgramModel ReadLanguageModel(string path)
    {
        var config = PocketSphinxNative.ps_get_config(Ptr);
        var lm = PocketSphinxNative.ngram_model_read(config, path, NgramModel.FileTypeAuto, _logmath);
        return lm == IntPtr.Zero
            ? throw new SpeechEngineException($"pocketsphinx could not read the language model {path}.")
            : new NgramModel(lm);
    }

    /// <summary>Interpolates language models with the given weights (they are taken over by the set).</summary>
    public unsafe NgramModel Interpolate(IReadOnlyList<(string Name, NgramModel Model, float Weight)> parts)
    {
        var config = PocketSphinxNative.ps_get_config(Ptr);
        var names = parts.Select(p => Marshal.StringToCoTaskMemUTF8(p.Name)).ToArray();
        try
        {
            var models = stackalloc IntPtr[parts.Count];
            var namePtrs = stackalloc byte*[parts.Count];
            var weights = stackalloc float[parts.Count];
            for (var i = 0; i < parts.Count; i++)
            {
                // The set frees its members with itself, so it gets a reference of its own.
                models[i] = PocketSphinxNative.ngram_model_retain(parts[i].Model.Pointer);
                namePtrs[i] = (byte*)names[i];
                weights[i] = parts[i].Weight;
            }

            var set = PocketSphinxNative.ngram_model_set_init(config, models, namePtrs, weights, parts.Count);
            return set == IntPtr.Zero ? throw new SpeechEngineException("pocketsphinx could not interpolate the language models.") : new NgramModel(set);
        }
        finally
        {
            foreach (var name in names)
            {
                Marshal.FreeCoTaskMem(name);
            }
        }
    }

    /// <summary>Applies an MLLR speaker/channel transform (sphinxtrain's <c>mllr_solve</c> output) to the acoustic model.</summary>
    public void ApplyMllr(string path)
    {
        var mllr = PocketSphinxNative.ps_mllr_read(path);
        if (mllr == IntPtr.Zero)
        {
            throw new SpeechEngineException($"pocketsphinx could not read the MLLR transform {path}.");
        }

        // The decoder takes ownership of the transform once it is applied.
        if (PocketSphinxNative.ps_update_mllr(Ptr, mllr) == IntPtr.Zero)
        {
            _ = PocketSphinxNative.ps_mllr_free(mllr);
            throw new SpeechEngineException($"pocketsphinx could not apply the MLLR transform {path}.");
        }
    }

    /// <summary>Decodes a whole utterance with the named search.</summary>
    /// <param name="withPosteriors">Compute word posteriors over the lattice (n-gram searches with bestpath only).</param>
    public unsafe DecodedUtterance Decode(ReadOnlySpan<short> samples, string search, bool withPosteriors = false)
    {
        var ps = Ptr;
        if (PocketSphinxNative.ps_set_search(ps, search) < 0)
        {
            throw new SpeechEngineException($"pocketsphinx has no search named '{search}'.");
        }

        // A new stream per utterance: otherwise the noise and silence estimates of the previous utterance carry
        // over, and the result would depend on what this pooled decoder decoded before.
        if (PocketSphinxNative.ps_start_stream(ps) < 0 || PocketSphinxNative.ps_start_utt(ps) < 0)
        {
            throw new SpeechEngineException("pocketsphinx could not start an utterance.");
        }

        fixed (short* data = samples)
        {
            // full_utt = 1: one batch over the whole take, so cepstral mean normalisation sees all of it.
            if (PocketSphinxNative.ps_process_raw(ps, data, (nuint)samples.Length, 0, 1) < 0)
            {
                _ = PocketSphinxNative.ps_end_utt(ps);
                throw new SpeechEngineException("pocketsphinx failed while processing the audio.");
            }
        }

        if (PocketSphinxNative.ps_end_utt(ps) < 0)
        {
            throw new SpeechEngineException("pocketsphinx failed to finish the utterance.");
        }

        var frames = PocketSphinxNative.ps_get_n_frames(ps);
        var hypothesis = Marshal.PtrToStringUTF8(PocketSphinxNative.ps_get_hyp(ps, out _)) ?? "";
        if (withPosteriors)
        {
            _ = PocketSphinxNative.ps_get_prob(ps);
        }

        var segments = new List<DecodedSegment>();
        for (var seg = PocketSphinxNative.ps_seg_iter(ps); seg != IntPtr.Zero; seg = PocketSphinxNative.ps_seg_next(seg))
        {
            // ps_seg_next frees the iterator when it returns null, so no ps_seg_free after a complete walk.
            var word = Marshal.PtrToStringUTF8(PocketSphinxNative.ps_seg_word(seg)) ?? "";
            PocketSphinxNative.ps_seg_frames(seg, out var start, out var end);
            var posterior = PocketSphinxNative.ps_seg_prob(seg, out var ascr, out var lscr, out _);
            segments.Add(new DecodedSegment(word, start, end, ascr, lscr, posterior));
        }

        return new DecodedUtterance(hypothesis, segments, frames);
    }

    public void Dispose() => _handle.Dispose();

}

/// <summary>A reference-counted <c>ngram_model_t</c>; disposing drops this reference.</summary>
internal sealed class NgramModel : SafeHandleZeroOrMinusOneIsInvalid
{
    public const int FileTypeAuto = 0; // NGRAM_AUTO (NGRAM_INVALID is -1)

    public NgramModel() : base(ownsHandle: true)
    {
    }

    public NgramModel(IntPtr model) : base(ownsHandle: true) => SetHandle(model);

    public static NgramModel Retain(IntPtr model) => new(PocketSphinxNative.ngram_model_retain(model));

    public IntPtr Pointer => IsClosed ? throw new ObjectDisposedException(nameof(NgramModel)) : handle;

    protected override bool ReleaseHandle()
    {
        return PocketSphinxNative.ngram_model_free(handle) >= 0;
    }
}
