namespace TutorPlatform.Cli.Commands;

/// <summary>One data row of a TSV manifest, with its 1-based line number in the file for messages.</summary>
internal sealed record ManifestRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    public string? Get(string column) => Values.TryGetValue(column, out var value) && value.Length > 0 ? value : null;
}

/// <summary>A tab-separated file with a header row (the manifests and hypothesis files of the speech commands).</summary>
internal sealed record SpeechManifest(string Path, IReadOnlyList<string> Columns, IReadOnlyList<ManifestRow> Rows)
{
    public string Folder => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".";

    /// <summary>A data set name for reports: the manifest's folder name (e.g. <c>ljspeech</c>).</summary>
    public string DataSetName => System.IO.Path.GetFileName(Folder);

    public bool Has(string column) => Columns.Contains(column);

    /// <summary>Reads the file; rows with the wrong number of fields are returned in <paramref name="bad"/> with a reason.</summary>
    public static SpeechManifest Read(string path, List<(int Line, string Reason)> bad)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"The file {path} does not exist.");
        }

        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new CliException($"{path} is empty: a header row with column names (utt_id, wav_path, ...) is needed.");
        }

        var columns = Split(header.TrimStart('\uFEFF'));
        var rows = new List<ManifestRow>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = Split(line);
            if (fields.Count > columns.Count)
            {
                bad.Add((lineNumber, $"{fields.Count} fields for {columns.Count} columns"));
                continue;
            }

            // Missing trailing fields are empty.
            rows.Add(new ManifestRow(lineNumber, columns.Select((c, i) => (c, v: i < fields.Count ? fields[i] : "")).ToDictionary(x => x.c, x => x.v)));
        }

        return new SpeechManifest(path, columns, rows);
    }

    /// <summary>Splits one line on tabs, undoing CSV-style quoting ("a ""b""") where a writer applied it.</summary>
    private static List<string> Split(string line) =>
        line.Split('\t').Select(f => f.Length >= 2 && f[0] == '"' && f[^1] == '"' ? f[1..^1].Replace("\"\"", "\"") : f).ToList();

    /// <summary>A field safe to write: tabs and line breaks become spaces, and one with a quote is quoted.</summary>
    public static string Escape(string field)
    {
        var flat = field.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
        return flat.Contains('"') ? "\"" + flat.Replace("\"", "\"\"") + "\"" : flat;
    }
}
