using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace TutorPlatform.Essays.Language;

/// <summary>
/// A spelling dictionary backed by Debian's libhunspell (<c>libhunspell-1.7.so.0</c>, package <c>libhunspell-1.7-0</c>)
/// and a hunspell dictionary (by default <c>/usr/share/hunspell/en_US.aff/.dic</c>, package <c>hunspell-en-us</c>).
/// Thread-safe: calls into the native handle are serialised (hunspell itself is not thread-safe) and spelling
/// verdicts are cached, so repeated words cost a dictionary lookup only once.
/// </summary>
public sealed class Hunspell : IDisposable
{
    /// <summary>Where Debian's <c>hunspell-en-us</c> installs the US English dictionary.</summary>
    public const string DefaultDictionaryDirectory = "/usr/share/hunspell";

    /// <summary>The dictionary name used when none is given.</summary>
    public const string DefaultDictionary = "en_US";

    // Hunspell refuses words longer than this (MAXWORDUTF8LEN); longer input is simply reported misspelt.
    private const int MaxWordBytes = 360;
    private const int MaxCachedWords = 200_000;

    private readonly HunspellHandle _handle;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, bool> _spellCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _suggestCache = new(StringComparer.Ordinal);

    private Hunspell(HunspellHandle handle, string affixPath, string dictionaryPath)
    {
        _handle = handle;
        AffixPath = affixPath;
        DictionaryPath = dictionaryPath;
    }

    /// <summary>The affix file the dictionary was loaded from.</summary>
    public string AffixPath { get; }

    /// <summary>The word list the dictionary was loaded from.</summary>
    public string DictionaryPath { get; }

    /// <summary>Opens an installed dictionary, <c>NAME.aff</c>/<c>NAME.dic</c> (default: Debian's en_US).</summary>
    /// <exception cref="HunspellUnavailableException">The library or the dictionary is not installed.</exception>
    public static Hunspell OpenInstalled(string name = DefaultDictionary, string directory = DefaultDictionaryDirectory) =>
        Open(Path.Combine(directory, name + ".aff"), Path.Combine(directory, name + ".dic"));

    /// <summary>Opens a dictionary from an affix file and a word list.</summary>
    /// <exception cref="HunspellUnavailableException">The library or either file is missing.</exception>
    public static Hunspell Open(string affixPath, string dictionaryPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(affixPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(dictionaryPath);
        foreach (var file in new[] { affixPath, dictionaryPath })
        {
            if (!File.Exists(file))
            {
                throw new HunspellUnavailableException(
                    $"The hunspell dictionary file {file} does not exist. Install Debian's hunspell-en-us " +
                    "(scripts/deps/language.sh) or point the checker at another dictionary.");
            }
        }

        var api = HunspellNative.Api;
        var handle = new HunspellHandle(api.Create(affixPath, dictionaryPath));
        if (handle.IsInvalid)
        {
            throw new HunspellUnavailableException($"libhunspell could not load the dictionary {dictionaryPath}.");
        }

        return new Hunspell(handle, affixPath, dictionaryPath);
    }

    /// <summary>Whether <paramref name="word"/> is spelt correctly (a single word, no surrounding spaces).</summary>
    public bool Spell(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0)
        {
            return true;
        }

        if (_spellCache.TryGetValue(word, out var known))
        {
            return known;
        }

        bool result;
        lock (_gate)
        {
            result = HunspellNative.Api.Spell(Handle(), word);
        }

        if (_spellCache.Count < MaxCachedWords)
        {
            _spellCache[word] = result;
        }

        return result;
    }

    /// <summary>Hunspell's suggestions for <paramref name="word"/>, best first; empty when it has none.</summary>
    public IReadOnlyList<string> Suggest(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0)
        {
            return [];
        }

        if (_suggestCache.TryGetValue(word, out var cached))
        {
            return cached;
        }

        IReadOnlyList<string> result;
        lock (_gate)
        {
            result = HunspellNative.Api.Suggest(Handle(), word);
        }

        if (_suggestCache.Count < MaxCachedWords)
        {
            _suggestCache[word] = result;
        }

        return result;
    }

    /// <summary>Adds a word to this dictionary's run-time word list (for example a course's proper names).</summary>
    public void Add(string word)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(word);
        lock (_gate)
        {
            HunspellNative.Api.Add(Handle(), word);
        }

        _spellCache.TryRemove(word, out _);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _handle.Dispose();
        }
    }

    private IntPtr Handle()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        return _handle.DangerousGetHandle();
    }

    internal static bool FitsNativeLimit(string word) => Encoding.UTF8.GetByteCount(word) < MaxWordBytes;

    private sealed class HunspellHandle : SafeHandle
    {
        public HunspellHandle(IntPtr handle)
            : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            HunspellNative.Api.Destroy(handle);
            return true;
        }
    }
}

/// <summary>The hunspell library or its dictionary is not installed.</summary>
public sealed class HunspellUnavailableException : Exception
{
    /// <summary>Creates the exception with a message that says what to install.</summary>
    public HunspellUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public HunspellUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public HunspellUnavailableException()
        : base("libhunspell is not available.")
    {
    }
}
