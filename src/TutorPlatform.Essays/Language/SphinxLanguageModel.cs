using System.Runtime.InteropServices;
using System.Text;

namespace TutorPlatform.Essays.Language;

/// <summary>
/// A word n-gram language model of native English: how probable each word is after the words before it.
/// The essay scorer reads learner fluency and phraseology from it (docs/decisions/0004).
/// </summary>
public interface IWordLanguageModel
{
    /// <summary>The model's id of a lower-case word, or -1 when the word is not in its vocabulary.</summary>
    int WordId(string word);

    /// <summary>The sentence-start and sentence-end pseudo-words' ids.</summary>
    int SentenceStart { get; }

    int SentenceEnd { get; }

    /// <summary>
    /// Natural-log probability of <paramref name="word"/> after <paramref name="history"/> (most recent word first, at
    /// most two are used), and in <paramref name="order"/> the length of the n-gram the model actually had (1 when it
    /// backed off to the word alone). An empty history gives the word's unigram probability.
    /// </summary>
    double LogProbability(int word, ReadOnlySpan<int> history, out int order);
}

/// <summary>
/// Debian's pocketsphinx trigram model of broadcast-news English (<c>en-us.lm.bin</c>, package
/// <c>pocketsphinx-en-us</c>), read through libsphinxbase's <c>ngram_model</c> C API. The library and its functions
/// are bound through function pointers from an explicitly loaded library (Debian's runtime package ships only the
/// versioned soname; an assembly-wide DllImport resolver would clash with other bindings). The model's scoring keeps
/// a cache inside the native object, so calls are serialised with a lock; a 350-word essay takes well under a
/// millisecond.
/// </summary>
public sealed unsafe class SphinxLanguageModel : IWordLanguageModel, IDisposable
{
    /// <summary>Where Debian's <c>pocketsphinx-en-us</c> installs the model.</summary>
    public const string DefaultPath = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";

    // sphinxbase 5prealpha (Debian bookworm); pocketsphinx 5 merged sphinxbase into libpocketsphinx with the same ngram API.
    private static readonly string[] LibraryNames = ["libsphinxbase.so.3", "libsphinxbase.so", "libpocketsphinx.so.5"];
    private static readonly double LnBase = Math.Log(1.0001);
    private static readonly Lock Shared = new();
    private static readonly Dictionary<string, SphinxLanguageModel?> Opened = new(StringComparer.Ordinal);

    private readonly Api _api;
    private readonly IntPtr _logMath;
    private readonly Lock _lock = new();
    private IntPtr _model;

    private SphinxLanguageModel(Api api, IntPtr logMath, IntPtr model, string path)
    {
        _api = api;
        _logMath = logMath;
        _model = model;
        Path = path;
        SentenceStart = WordId("<s>");
        SentenceEnd = WordId("</s>");
    }

    public string Path { get; }

    public int SentenceStart { get; }

    public int SentenceEnd { get; }

    /// <summary>
    /// The model at <paramref name="path"/> (default <see cref="DefaultPath"/>), opened once per process and shared; null
    /// when the file or libsphinxbase is missing or the file is not a sphinx language model.
    /// </summary>
    public static SphinxLanguageModel? OpenShared(string? path = null)
    {
        path ??= DefaultPath;
        lock (Shared)
        {
            if (!Opened.TryGetValue(path, out var model))
            {
                model = TryOpen(path, out _);
                Opened[path] = model;
            }

            return model;
        }
    }

    /// <summary>Opens a model; null with the reason in <paramref name="error"/> when that cannot be done.</summary>
    public static SphinxLanguageModel? TryOpen(string path, out string? error)
    {
        if (!File.Exists(path))
        {
            error = $"The language model {path} does not exist (Debian package pocketsphinx-en-us).";
            return null;
        }

        var api = Api.Load(out error);
        if (api is null)
        {
            return null;
        }

        var logMath = api.LogMathInit(1.0001, 0, 0);
        IntPtr model;
        fixed (byte* file = Encoding.UTF8.GetBytes(path + "\0"))
        {
            // NGRAM_AUTO (0): binary trie, ARPA or DMP by content.
            model = api.ModelRead(IntPtr.Zero, file, 0, logMath);
        }

        if (model == IntPtr.Zero)
        {
            api.LogMathFree(logMath);
            error = $"{path} is not a language model libsphinxbase can read.";
            return null;
        }

        error = null;
        return new SphinxLanguageModel(api, logMath, model, path);
    }

    public int WordId(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var length = Encoding.UTF8.GetByteCount(word);
        if (length == 0 || length > 200)
        {
            return -1;
        }

        Span<byte> buffer = stackalloc byte[length + 1];
        buffer[Encoding.UTF8.GetBytes(word, buffer)] = 0;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_model == IntPtr.Zero, this);
            fixed (byte* w = buffer)
            {
                var id = _api.Wid(_model, w);
                return id < 0 || id == _api.UnknownWid(_model) ? -1 : id;
            }
        }
    }

    public double LogProbability(int word, ReadOnlySpan<int> history, out int order)
    {
        if (word < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(word), word, "Not a word of the model.");
        }

        var n = Math.Min(2, history.Length);
        var h = stackalloc int[2];
        for (var k = 0; k < n; k++)
        {
            if (history[k] < 0)
            {
                n = k;
                break;
            }

            h[k] = history[k];
        }

        int used;
        int score;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_model == IntPtr.Zero, this);
            score = _api.NgScore(_model, word, h, n, &used);
        }

        order = used;
        return score * LnBase;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_model != IntPtr.Zero)
            {
                _api.ModelFree(_model);
                _api.LogMathFree(_logMath);
                _model = IntPtr.Zero;
            }
        }
    }

    /// <summary>The libsphinxbase functions used, bound once per process.</summary>
    private sealed class Api
    {
        private static readonly Lazy<(Api? Api, string? Error)> Loaded = new(LoadOnce, LazyThreadSafetyMode.ExecutionAndPublication);

        private Api(IntPtr library)
        {
            LogMathInit = (delegate* unmanaged<double, int, int, IntPtr>)NativeLibrary.GetExport(library, "logmath_init");
            LogMathFree = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "logmath_free");
            ModelRead = (delegate* unmanaged<IntPtr, byte*, int, IntPtr, IntPtr>)NativeLibrary.GetExport(library, "ngram_model_read");
            ModelFree = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "ngram_model_free");
            Wid = (delegate* unmanaged<IntPtr, byte*, int>)NativeLibrary.GetExport(library, "ngram_wid");
            UnknownWid = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "ngram_unknown_wid");
            NgScore = (delegate* unmanaged<IntPtr, int, int*, int, int*, int>)NativeLibrary.GetExport(library, "ngram_ng_score");
            var setLog = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "err_set_logfp");

            // The library logs every model it reads to stderr; route its log to nowhere.
            setLog(IntPtr.Zero);
        }

        public delegate* unmanaged<double, int, int, IntPtr> LogMathInit { get; }

        public delegate* unmanaged<IntPtr, int> LogMathFree { get; }

        public delegate* unmanaged<IntPtr, byte*, int, IntPtr, IntPtr> ModelRead { get; }

        public delegate* unmanaged<IntPtr, int> ModelFree { get; }

        public delegate* unmanaged<IntPtr, byte*, int> Wid { get; }

        public delegate* unmanaged<IntPtr, int> UnknownWid { get; }

        public delegate* unmanaged<IntPtr, int, int*, int, int*, int> NgScore { get; }

        public static Api? Load(out string? error)
        {
            (var api, error) = Loaded.Value;
            return api;
        }

        private static (Api?, string?) LoadOnce()
        {
            foreach (var name in LibraryNames)
            {
                if (NativeLibrary.TryLoad(name, out var library))
                {
                    try
                    {
                        // The library stays loaded for the process's lifetime.
                        return (new Api(library), null);
                    }
                    catch (EntryPointNotFoundException ex)
                    {
                        return (null, $"{name} lacks the ngram_model functions: {ex.Message}");
                    }
                }
            }

            return (null, "libsphinxbase (libsphinxbase.so.3, Debian package libsphinxbase3) is not installed.");
        }
    }
}
