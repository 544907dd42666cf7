using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TutorPlatform.LlamaCpp.Native;

namespace TutorPlatform.LlamaCpp;

/// <summary>Native log levels, as ggml reports them.</summary>
public enum LlamaLogLevel
{
    None = 0,
    Debug = 1,
    Info = 2,
    Warning = 3,
    Error = 4,
}

/// <summary>
/// Process-wide setup of the native llama.cpp libraries: resolves the versioned file names, routes the
/// native log, and registers the CPU backend from the native directory before any model loads.
/// </summary>
public static unsafe class LlamaRuntime
{
    /// <summary>The script that unpacks the native libraries into <c>.native/llama</c>.</summary>
    public const string InstallScript = "scripts/deps/llama.sh";

    private static readonly Lock Gate = new();
    private static readonly Queue<string> RecentProblems = new();
    private static string? _nativeDirectory;
    private static IntPtr _llama;
    private static IntPtr _ggml;
    private static bool _initialized;
    private static bool _resolverSet;
    private static int _minimumLogLevel = (int)LlamaLogLevel.Warning;
    private static LlamaLogLevel _pendingLevel = LlamaLogLevel.Info;
    private static readonly System.Text.StringBuilder PendingLine = new();

    /// <summary>Receives native log lines at or above <see cref="MinimumLogLevel"/>; by default they are dropped (errors are kept for exception messages).</summary>
    public static Action<LlamaLogLevel, string>? LogSink { get; set; }

    public static LlamaLogLevel MinimumLogLevel
    {
        get => (LlamaLogLevel)Volatile.Read(ref _minimumLogLevel);
        set => Volatile.Write(ref _minimumLogLevel, (int)value);
    }

    public static bool IsInitialized => Volatile.Read(ref _initialized);

    /// <summary>The directory the native libraries were loaded from, once initialised.</summary>
    public static string? NativeDirectory => _nativeDirectory;

    /// <summary>Names of the registered ggml backend devices (the CPU variant chosen for this machine, for example).</summary>
    public static IReadOnlyList<string> Devices { get; private set; } = [];

    /// <summary>llama.cpp's description of the CPU features it uses.</summary>
    public static string SystemInfo => IsInitialized ? Marshal.PtrToStringUTF8(NativeMethods.llama_print_system_info()) ?? "" : "";

    /// <summary>
    /// The default native directory: <c>.native/llama</c> under the first ancestor of <paramref name="start"/>
    /// (default: the app's base directory) that has one, else under the app's base directory.
    /// </summary>
    public static string DefaultNativeDirectory(string? start = null)
    {
        var baseDirectory = start ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".native", "llama");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(baseDirectory, ".native", "llama");
    }

    /// <summary>
    /// Loads the native libraries from <paramref name="nativeDirectory"/> and registers the CPU backend.
    /// Idempotent for the same directory (or none, once initialised); a second, different directory is an error
    /// (native code loads once per process).
    /// </summary>
    /// <exception cref="LlamaNativeLibraryException">The folder or its libraries are missing or unusable.</exception>
    public static void Initialize(string? nativeDirectory = null)
    {
        if (string.IsNullOrWhiteSpace(nativeDirectory) && IsInitialized)
        {
            return;
        }

        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(nativeDirectory) ? DefaultNativeDirectory() : nativeDirectory);
        if (!Directory.Exists(directory))
        {
            throw new LlamaNativeLibraryException(
                $"The llama.cpp native folder '{directory}' does not exist. Run {InstallScript} from the repository root to unpack the libraries there, " +
                "or point Models:Chat:LlamaCpp:NativeDirectory at a folder that holds them.");
        }

        lock (Gate)
        {
            if (_initialized)
            {
                if (!string.Equals(directory, _nativeDirectory, StringComparison.Ordinal))
                {
                    throw new LlamaNativeLibraryException(
                        $"llama.cpp is already loaded from '{_nativeDirectory}'; it cannot be loaded again from '{directory}' in the same process.");
                }

                return;
            }

            var llamaFile = FindLibrary(directory, "libllama");
            var ggmlFile = FindLibrary(directory, "libggml");
            try
            {
                _llama = NativeLibrary.Load(llamaFile);
                _ggml = NativeLibrary.Load(ggmlFile);
            }
            catch (DllNotFoundException ex)
            {
                throw new LlamaNativeLibraryException(
                    $"The llama.cpp libraries in '{directory}' could not be loaded ({ex.Message}). Run {InstallScript} to unpack them again.", ex);
            }

            _nativeDirectory = directory;
            if (!_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(LlamaRuntime).Assembly, Resolve);
                _resolverSet = true;
            }

            NativeMethods.llama_log_set(&OnNativeLog, IntPtr.Zero);
            NativeMethods.llama_backend_init();
            NativeMethods.ggml_backend_load_all_from_path(directory);
            var devices = new List<string>();
            var count = (int)NativeMethods.ggml_backend_dev_count();
            for (var i = 0; i < count; i++)
            {
                devices.Add(Marshal.PtrToStringUTF8(NativeMethods.ggml_backend_dev_name(NativeMethods.ggml_backend_dev_get((nuint)i))) ?? "?");
            }

            if (devices.Count == 0)
            {
                throw new LlamaNativeLibraryException(
                    $"No ggml backend could be registered from '{directory}' (no libggml-cpu-*.so that runs on this CPU). Run {InstallScript}.");
            }

            Devices = devices;
            _initialized = true;
        }
    }

    /// <summary>The last native warnings and errors (at most 20), newest last; used to explain failures.</summary>
    internal static string[] TakeRecentProblems()
    {
        lock (RecentProblems)
        {
            var lines = RecentProblems.ToArray();
            RecentProblems.Clear();
            return lines;
        }
    }

    internal static void ThrowIfNotInitialized()
    {
        if (!IsInitialized)
        {
            throw new LlamaNativeLibraryException($"llama.cpp is not initialised: call {nameof(LlamaRuntime)}.{nameof(Initialize)}(nativeDirectory) first.");
        }
    }

    private static string FindLibrary(string directory, string stem)
    {
        if (!Directory.Exists(directory))
        {
            throw new LlamaNativeLibraryException(
                $"The llama.cpp native folder '{directory}' does not exist. Run {InstallScript} from the repository root to unpack the libraries there, " +
                "or point Models:Chat:LlamaCpp:NativeDirectory at a folder that holds them.");
        }

        // Versioned names first (libllama.v0.5.0.so), then a plain libllama.so.
        var versioned = Directory.GetFiles(directory, stem + ".v*.so").Order(StringComparer.Ordinal).LastOrDefault();
        var plain = Path.Combine(directory, stem + ".so");
        var file = versioned ?? (File.Exists(plain) ? plain : null);
        return file ?? throw new LlamaNativeLibraryException(
            $"'{directory}' holds no {stem}.v*.so or {stem}.so. Run {InstallScript} from the repository root to unpack llama.cpp's libraries.");
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) => libraryName switch
    {
        NativeMethods.Llama => _llama,
        NativeMethods.Ggml => _ggml,
        _ => IntPtr.Zero,
    };

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnNativeLog(int level, byte* text, IntPtr userData)
    {
        try
        {
            var message = Marshal.PtrToStringUTF8((IntPtr)text) ?? "";
            lock (PendingLine)
            {
                // GGML_LOG_LEVEL_CONT (5) continues the previous line at its level.
                if (level != 5)
                {
                    _pendingLevel = (LlamaLogLevel)level;
                }

                PendingLine.Append(message);
                if (!message.EndsWith('\n'))
                {
                    return;
                }

                var line = PendingLine.ToString().TrimEnd();
                PendingLine.Clear();
                Publish(_pendingLevel, line);
            }
        }
        catch
        {
            // Never let an exception cross back into native code.
        }
    }

    private static void Publish(LlamaLogLevel level, string line)
    {
        if (line.Length == 0)
        {
            return;
        }

        if (level >= LlamaLogLevel.Warning)
        {
            lock (RecentProblems)
            {
                RecentProblems.Enqueue(line);
                while (RecentProblems.Count > 20)
                {
                    RecentProblems.Dequeue();
                }
            }
        }

        if (level >= MinimumLogLevel)
        {
            LogSink?.Invoke(level, line);
        }
    }
}
