using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace TutorPlatform.Essays.Language;

/// <summary>
/// The Snowball English (Porter2) stemmer from Debian's libstemmer (<c>libstemmer.so.0d</c>, package
/// <c>libstemmer0d</c>). Thread-safe: the native stemmer is used under a lock and stems are cached.
/// </summary>
public sealed unsafe class SnowballStemmer : IDisposable
{
    private static readonly string[] LibraryNames = ["libstemmer.so.0d", "libstemmer.so.0", "libstemmer.so"];
    private const int MaxCached = 200_000;

    private readonly IntPtr _library;
    private readonly delegate* unmanaged<byte*, byte*, IntPtr> _new;
    private readonly delegate* unmanaged<IntPtr, void> _delete;
    private readonly delegate* unmanaged<IntPtr, byte*, int, byte*> _stem;
    private readonly delegate* unmanaged<IntPtr, int> _length;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);
    private IntPtr _stemmer;

    private SnowballStemmer(IntPtr library)
    {
        _library = library;
        _new = (delegate* unmanaged<byte*, byte*, IntPtr>)NativeLibrary.GetExport(library, "sb_stemmer_new");
        _delete = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "sb_stemmer_delete");
        _stem = (delegate* unmanaged<IntPtr, byte*, int, byte*>)NativeLibrary.GetExport(library, "sb_stemmer_stem");
        _length = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "sb_stemmer_length");
        fixed (byte* algorithm = "english\0"u8)
        fixed (byte* encoding = "UTF_8\0"u8)
        {
            _stemmer = _new(algorithm, encoding);
        }
    }

    /// <summary>Loads libstemmer's English stemmer.</summary>
    /// <exception cref="HunspellUnavailableException">libstemmer is not installed.</exception>
    public static SnowballStemmer OpenEnglish()
    {
        foreach (var name in LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out var library))
            {
                try
                {
                    var stemmer = new SnowballStemmer(library);
                    if (stemmer._stemmer != IntPtr.Zero)
                    {
                        return stemmer;
                    }
                }
                catch (EntryPointNotFoundException ex)
                {
                    throw new HunspellUnavailableException("libstemmer could not be bound: " + ex.Message, ex);
                }
            }
        }

        throw new HunspellUnavailableException(
            "The Snowball stemmer library (libstemmer.so.0d) is not installed. Run scripts/deps/language.sh " +
            "(Debian package libstemmer0d).");
    }

    /// <summary>The stem of a lower-case word (for example "technologies" → "technolog").</summary>
    public string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < 3 || word.Length > 64)
        {
            return word;
        }

        if (_cache.TryGetValue(word, out var cached))
        {
            return cached;
        }

        var bytes = Encoding.UTF8.GetBytes(word);
        string result;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stemmer == IntPtr.Zero, this);
            fixed (byte* w = bytes)
            {
                var stem = _stem(_stemmer, w, bytes.Length);
                result = stem == null ? word : Encoding.UTF8.GetString(stem, _length(_stemmer));
            }
        }

        if (_cache.Count < MaxCached)
        {
            _cache[word] = result;
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stemmer != IntPtr.Zero)
            {
                _delete(_stemmer);
                _stemmer = IntPtr.Zero;
            }
        }

        GC.KeepAlive(_library);
    }
}
