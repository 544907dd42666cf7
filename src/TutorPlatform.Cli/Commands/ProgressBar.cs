namespace TutorPlatform.Cli.Commands;

/// <summary>A one-line progress bar on stderr (plain percentage lines when stderr is not a terminal). Thread-safe.</summary>
internal sealed class ProgressBar(int total, string label) : IDisposable
{
    private const int Width = 30;
    private readonly Lock _lock = new();
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private int _done;
    private int _lastDecile = -1;
    private bool _disposed;

    public void Advance()
    {
        lock (_lock)
        {
            _done++;
            Draw();
        }
    }

    /// <summary>Prints a line above the bar.</summary>
    public void Message(string text)
    {
        lock (_lock)
        {
            if (_interactive)
            {
                Console.Error.Write("\r\u001b[2K");
            }

            Console.Error.WriteLine(text);
            if (_interactive)
            {
                Draw();
            }
        }
    }

    private void Draw()
    {
        var fraction = total == 0 ? 1 : _done / (double)total;
        if (_interactive)
        {
            var filled = (int)(fraction * Width);
            Console.Error.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{total}");
        }
        else if ((int)(fraction * 10) is var decile && decile != _lastDecile)
        {
            _lastDecile = decile;
            Console.Error.WriteLine($"{label}: {_done}/{total} ({fraction:P0})");
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (!_disposed && _interactive)
            {
                Console.Error.WriteLine();
            }

            _disposed = true;
        }
    }
}
