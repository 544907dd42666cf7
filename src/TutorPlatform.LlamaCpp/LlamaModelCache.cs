namespace TutorPlatform.LlamaCpp;

/// <summary>
/// Keeps one loaded copy of each model file per process, shared by reference count: two clients for the same
/// file never load its weights twice.
/// </summary>
internal static class LlamaModelCache
{
    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static Lease Acquire(string path)
    {
        var key = Path.GetFullPath(path);
        lock (Gate)
        {
            if (!Entries.TryGetValue(key, out var entry))
            {
                entry = new Entry(LlamaModel.Load(key));
                Entries[key] = entry;
            }

            entry.References++;
            return new Lease(key, entry.Model);
        }
    }

    internal static int LoadedCount
    {
        get
        {
            lock (Gate)
            {
                return Entries.Count;
            }
        }
    }

    private static void Release(string key)
    {
        lock (Gate)
        {
            if (Entries.TryGetValue(key, out var entry) && --entry.References == 0)
            {
                Entries.Remove(key);
                entry.Model.Dispose();
            }
        }
    }

    private sealed class Entry(LlamaModel model)
    {
        public LlamaModel Model { get; } = model;

        public int References { get; set; }
    }

    internal sealed class Lease(string key, LlamaModel model) : IDisposable
    {
        private int _released;

        public LlamaModel Model { get; } = model;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Release(key);
            }
        }
    }
}
