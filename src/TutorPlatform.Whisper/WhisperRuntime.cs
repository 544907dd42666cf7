using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TutorPlatform.Core.Speech;
using TutorPlatform.Whisper.Native;

namespace TutorPlatform.Whisper;

/// <summary>
/// Process-wide setup of the native whisper.cpp library (<c>index.node</c> from scripts/deps/whisper.sh): loads it
/// once, maps the binding's logical library name to it, and keeps whisper.cpp's log quiet while remembering its
/// warnings and errors for exception messages.
/// </summary>
public static unsafe class WhisperRuntime
{
    /// <summary>The script that unpacks the native library into <c>.native/whisper</c>.</summary>
    public const string InstallScript = "scripts/deps/whisper.sh";

    /// <summary>The file the script unpacks.</summary>
    public const string LibraryFileName = "index.node";

    private static readonly Lock Gate = new();
    private static readonly Queue<string> RecentProblems = new();
    private static IntPtr _library;
    private static string? _nativeDirectory;
    private static bool _initialized;

    /// <summary>Whether the library is loaded.</summary>
    public static bool IsInitialized => Volatile.Read(ref _initialized);

    /// <summary>The directory the library was loaded from, once initialised.</summary>
    public static string? NativeDirectory => _nativeDirectory;

    /// <summary>whisper.cpp's version string (for example "1.9.3"); empty before initialisation.</summary>
    public static string Version => IsInitialized ? Marshal.PtrToStringUTF8(WhisperNative.whisper_version()) ?? "" : "";

    /// <summary>whisper.cpp's description of the CPU features it uses; empty before initialisation.</summary>
    public static string SystemInfo => IsInitialized ? Marshal.PtrToStringUTF8(WhisperNative.whisper_print_system_info()) ?? "" : "";

    /// <summary>
    /// The default native directory: <c>.native/whisper</c> under the first ancestor of <paramref name="start"/>
    /// (default: the app's base directory) that has one, else under the app's base directory.
    /// </summary>
    public static string DefaultNativeDirectory(string? start = null)
    {
        var baseDirectory = start ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".native", "whisper");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(baseDirectory, ".native", "whisper");
    }

    /// <summary>
    /// Loads whisper.cpp from <paramref name="nativeDirectory"/> (null: <see cref="DefaultNativeDirectory"/>).
    /// Idempotent; a second, different directory is an error, since native code loads once per process.
    /// </summary>
    /// <exception cref="SpeechEngineException">The library is missing or cannot be loaded; the message names the install script.</exception>
    public static void Initialize(string? nativeDirectory = null)
    {
        if (string.IsNullOrWhiteSpace(nativeDirectory) && IsInitialized)
        {
            return;
        }

        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(nativeDirectory) ? DefaultNativeDirectory() : nativeDirectory);
        var file = Path.Combine(directory, LibraryFileName);
        if (!File.Exists(file))
        {
            throw new SpeechEngineException(
                $"The whisper.cpp library '{file}' does not exist. Run {InstallScript} from the repository root to unpack it, " +
                "or point Speech:Whisper:NativeDirectory at a folder that holds index.node.");
        }

        lock (Gate)
        {
            if (_initialized)
            {
                if (!string.Equals(directory, _nativeDirectory, StringComparison.Ordinal))
                {
                    throw new SpeechEngineException(
                        $"whisper.cpp is already loaded from '{_nativeDirectory}'; it cannot be loaded again from '{directory}' in the same process.");
                }

                return;
            }

            try
            {
                _library = NativeLibrary.Load(file);
            }
            catch (DllNotFoundException ex)
            {
                throw new SpeechEngineException(
                    $"The whisper.cpp library '{file}' could not be loaded ({ex.Message}). It needs Debian's libgomp1; run {InstallScript} again.", ex);
            }
            catch (BadImageFormatException ex)
            {
                throw new SpeechEngineException($"'{file}' is not a usable native library ({ex.Message}). Run {InstallScript} --force.", ex);
            }

            if (!NativeLibrary.TryGetExport(_library, "whisper_full_default_params_by_ref", out _))
            {
                throw new SpeechEngineException($"'{file}' does not export whisper.cpp's C API. Run {InstallScript} --force.");
            }

            NativeLibrary.SetDllImportResolver(typeof(WhisperRuntime).Assembly, Resolve);
            _nativeDirectory = directory;
            WhisperNative.whisper_log_set(&OnNativeLog, IntPtr.Zero);
            Volatile.Write(ref _initialized, true);
        }
    }

    /// <summary>The last native warnings and errors (at most 20), newest last, and forgets them.</summary>
    internal static string[] TakeRecentProblems()
    {
        lock (RecentProblems)
        {
            var lines = RecentProblems.ToArray();
            RecentProblems.Clear();
            return lines;
        }
    }

    internal static string DescribeRecentProblems()
    {
        var problems = TakeRecentProblems();
        return problems.Length == 0 ? "" : " whisper.cpp said: " + string.Join(" | ", problems.TakeLast(3));
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == WhisperNative.Library ? _library : IntPtr.Zero;

    // ggml_log_level: 2 info, 3 warn, 4 error, 5 cont.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnNativeLog(int level, byte* text, IntPtr userData)
    {
        if (level is not (3 or 4) || text is null)
        {
            return;
        }

        try
        {
            var message = (Marshal.PtrToStringUTF8((IntPtr)text) ?? "").Trim();
            if (message.Length == 0)
            {
                return;
            }

            lock (RecentProblems)
            {
                RecentProblems.Enqueue(message);
                while (RecentProblems.Count > 20)
                {
                    RecentProblems.Dequeue();
                }
            }
        }
        catch (Exception)
        {
            // Never let an exception cross back into native code.
        }
    }
}
