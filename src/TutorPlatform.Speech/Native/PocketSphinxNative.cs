using System.Reflection;
using System.Runtime.InteropServices;

namespace TutorPlatform.Speech.Native;

/// <summary>
/// P/Invoke declarations for Debian's pocketsphinx 0.8 (5prealpha) and sphinxbase: the old API
/// (<c>cmd_ln_parse_r</c>, <c>ps_init</c>, <c>ps_process_raw</c>, segment iteration). Only what the project uses.
/// Strings returned by the library are owned by the decoder and valid until its next call.
/// </summary>
internal static partial class PocketSphinxNative
{
    public const string PocketSphinx = "pocketsphinx";
    public const string SphinxBase = "sphinxbase";

    // Debian ships only the versioned sonames in the runtime packages (the unversioned .so links come with -dev).
    private static readonly string[] PocketSphinxFiles = ["libpocketsphinx.so.3", "libpocketsphinx.so"];
    private static readonly string[] SphinxBaseFiles = ["libsphinxbase.so.3", "libsphinxbase.so"];

    private static readonly Lazy<string?> LoadError = new(LoadLibraries);
    private static IntPtr _pocketSphinx;
    private static IntPtr _sphinxBase;

    /// <summary>Loads both libraries once; throws a clear exception when they are not installed.</summary>
    public static void EnsureLoaded()
    {
        if (LoadError.Value is { } error)
        {
            throw new Core.Speech.SpeechEngineException(error);
        }
    }

    private static string? LoadLibraries()
    {
        _sphinxBase = TryLoad(SphinxBaseFiles);
        _pocketSphinx = TryLoad(PocketSphinxFiles);
        if (_sphinxBase == IntPtr.Zero || _pocketSphinx == IntPtr.Zero)
        {
            return "The pocketsphinx library (libpocketsphinx.so.3 / libsphinxbase.so.3) is not installed. " +
                   "Run scripts/deps/speech.sh (Debian packages pocketsphinx, pocketsphinx-en-us, libpocketsphinx3).";
        }

        NativeLibrary.SetDllImportResolver(typeof(PocketSphinxNative).Assembly, Resolve);
        // Route the library's log to nowhere before anything prints its configuration tables.
        err_set_logfp(IntPtr.Zero);
        return null;
    }

    private static IntPtr TryLoad(string[] names)
    {
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) => name switch
    {
        PocketSphinx => _pocketSphinx,
        SphinxBase => _sphinxBase,
        _ => IntPtr.Zero,
    };

    // sphinxbase
    [LibraryImport(SphinxBase)]
    public static unsafe partial IntPtr cmd_ln_parse_r(IntPtr inout, IntPtr defn, int argc, byte** argv, int strict);

    [LibraryImport(SphinxBase)]
    public static partial int cmd_ln_free_r(IntPtr config);

    [LibraryImport(SphinxBase)]
    public static partial void err_set_logfp(IntPtr stream);

    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial double cmd_ln_float_r(IntPtr config, string name);

    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void cmd_ln_set_float_r(IntPtr config, string name, double value);

    [LibraryImport(SphinxBase)]
    public static partial double logmath_log_to_ln(IntPtr logmath, int logb);

    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr ngram_model_read(IntPtr config, string file, int fileType, IntPtr logmath);

    [LibraryImport(SphinxBase)]
    public static unsafe partial IntPtr ngram_model_set_init(IntPtr config, IntPtr* models, byte** names, float* weights, int count);

    [LibraryImport(SphinxBase)]
    public static partial IntPtr ngram_model_retain(IntPtr model);

    [LibraryImport(SphinxBase)]
    public static partial int ngram_model_free(IntPtr model);

    // pocketsphinx
    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_args();

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_init(IntPtr config);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_free(IntPtr decoder);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_get_logmath(IntPtr decoder);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_get_config(IntPtr decoder);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_add_word(IntPtr decoder, string word, string phones, int update);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_search(IntPtr decoder, string name);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_unset_search(IntPtr decoder, string name);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr ps_get_lm(IntPtr decoder, string name);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_lm(IntPtr decoder, string name, IntPtr lm);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_jsgf_string(IntPtr decoder, string name, string jsgf);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_allphone_file(IntPtr decoder, string name, string path);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_start_stream(IntPtr decoder);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_start_utt(IntPtr decoder);

    [LibraryImport(PocketSphinx)]
    public static unsafe partial int ps_process_raw(IntPtr decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_end_utt(IntPtr decoder);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_get_hyp(IntPtr decoder, out int bestScore);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_get_prob(IntPtr decoder);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_get_n_frames(IntPtr decoder);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_seg_iter(IntPtr decoder);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_seg_next(IntPtr segment);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_seg_word(IntPtr segment);

    [LibraryImport(PocketSphinx)]
    public static partial void ps_seg_frames(IntPtr segment, out int startFrame, out int endFrame);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_seg_prob(IntPtr segment, out int acousticScore, out int languageScore, out int languageBackoff);

    [LibraryImport(PocketSphinx)]
    public static partial void ps_seg_free(IntPtr segment);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr ps_mllr_read(string file);

    [LibraryImport(PocketSphinx)]
    public static partial IntPtr ps_update_mllr(IntPtr decoder, IntPtr mllr);

    [LibraryImport(PocketSphinx)]
    public static partial int ps_mllr_free(IntPtr mllr);
}
