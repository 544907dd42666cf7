using System.Runtime.InteropServices;
using System.Text;

namespace TutorPlatform.Essays.Language;

/// <summary>
/// The five libhunspell C functions the project uses, bound through function pointers from an explicitly loaded
/// library: Debian's runtime package ships only the versioned soname (<c>libhunspell-1.7.so.0</c>; the unversioned
/// link comes with <c>-dev</c>), and an assembly-wide DllImport resolver would clash with other native bindings.
/// Strings are UTF-8 (Debian's en_US dictionary declares <c>SET UTF-8</c>).
/// </summary>
internal sealed unsafe class HunspellNative
{
    private static readonly string[] LibraryNames = ["libhunspell-1.7.so.0", "libhunspell-1.7.so", "libhunspell.so"];
    private static readonly Lazy<HunspellNative> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly delegate* unmanaged<byte*, byte*, IntPtr> _create;
    private readonly delegate* unmanaged<IntPtr, void> _destroy;
    private readonly delegate* unmanaged<IntPtr, byte*, int> _spell;
    private readonly delegate* unmanaged<IntPtr, byte***, byte*, int> _suggest;
    private readonly delegate* unmanaged<IntPtr, byte***, int, void> _freeList;
    private readonly delegate* unmanaged<IntPtr, byte*, int> _add;

    private HunspellNative(IntPtr library)
    {
        _create = (delegate* unmanaged<byte*, byte*, IntPtr>)NativeLibrary.GetExport(library, "Hunspell_create");
        _destroy = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "Hunspell_destroy");
        _spell = (delegate* unmanaged<IntPtr, byte*, int>)NativeLibrary.GetExport(library, "Hunspell_spell");
        _suggest = (delegate* unmanaged<IntPtr, byte***, byte*, int>)NativeLibrary.GetExport(library, "Hunspell_suggest");
        _freeList = (delegate* unmanaged<IntPtr, byte***, int, void>)NativeLibrary.GetExport(library, "Hunspell_free_list");
        _add = (delegate* unmanaged<IntPtr, byte*, int>)NativeLibrary.GetExport(library, "Hunspell_add");
    }

    /// <summary>The bound library; loads it on first use.</summary>
    /// <exception cref="HunspellUnavailableException">libhunspell is not installed or lacks the functions.</exception>
    public static HunspellNative Api
    {
        get
        {
            try
            {
                return Loaded.Value;
            }
            catch (HunspellUnavailableException)
            {
                throw;
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException or BadImageFormatException)
            {
                throw new HunspellUnavailableException("libhunspell could not be bound: " + ex.Message, ex);
            }
        }
    }

    /// <summary>Whether the library can be loaded on this machine (never throws).</summary>
    public static bool IsAvailable()
    {
        try
        {
            _ = Api;
            return true;
        }
        catch (HunspellUnavailableException)
        {
            return false;
        }
    }

    private static HunspellNative Load()
    {
        foreach (var name in LibraryNames)
        {
            if (NativeLibrary.TryLoad(name, out var library))
            {
                // The library stays loaded for the process's lifetime (handles may outlive any one owner).
                return new HunspellNative(library);
            }
        }

        throw new HunspellUnavailableException(
            "The hunspell library (libhunspell-1.7.so.0) is not installed. Run scripts/deps/language.sh " +
            "(Debian packages libhunspell-1.7-0 and hunspell-en-us).");
    }

    public IntPtr Create(string affixPath, string dictionaryPath)
    {
        fixed (byte* aff = Utf8Z(affixPath))
        fixed (byte* dic = Utf8Z(dictionaryPath))
        {
            return _create(aff, dic);
        }
    }

    public void Destroy(IntPtr handle) => _destroy(handle);

    public bool Spell(IntPtr handle, string word)
    {
        if (!Hunspell.FitsNativeLimit(word))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[Encoding.UTF8.GetByteCount(word) + 1];
        buffer[Encoding.UTF8.GetBytes(word, buffer)] = 0;
        fixed (byte* w = buffer)
        {
            return _spell(handle, w) != 0;
        }
    }

    public IReadOnlyList<string> Suggest(IntPtr handle, string word)
    {
        if (!Hunspell.FitsNativeLimit(word))
        {
            return [];
        }

        byte** list = null;
        int count;
        fixed (byte* w = Utf8Z(word))
        {
            count = _suggest(handle, &list, w);
        }

        if (list == null)
        {
            return [];
        }

        try
        {
            var suggestions = new string[Math.Max(count, 0)];
            for (var i = 0; i < suggestions.Length; i++)
            {
                suggestions[i] = Marshal.PtrToStringUTF8((IntPtr)list[i]) ?? "";
            }

            return suggestions;
        }
        finally
        {
            _freeList(handle, &list, count);
        }
    }

    public void Add(IntPtr handle, string word)
    {
        fixed (byte* w = Utf8Z(word))
        {
            _ = _add(handle, w);
        }
    }

    private static byte[] Utf8Z(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
