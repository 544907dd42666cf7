using System.Globalization;
using System.Text;

namespace TutorPlatform.Essays.Scoring;

/// <summary>A row of a delimited file that could not be used, by the line it starts on.</summary>
public sealed record TableProblem(int Line, string Message);

/// <summary>An ELL essay: id, text and, in files with human scores, the six trait scores (cohesion … conventions).</summary>
public sealed record EllEssay(string Id, string Text, double[]? Scores, int Line);

/// <summary>An ASAP-AES essay: id, prompt (essay set 1–8), text and, in files with human scores, <c>domain1_score</c>.</summary>
public sealed record AsapEssay(string Id, int Set, string Text, int? Score, int Line);

/// <summary>
/// Reading and writing the batch files: CSV (RFC 4180: quoted fields may hold commas, quotes and newlines) and TSV
/// (tab-separated, quoted the same way where a field starts with a quote). Bad rows are reported with the line they
/// start on and left out; a file never stops the batch.
/// </summary>
public static class EssayTables
{
    public static readonly string[] TraitColumns = ["cohesion", "syntax", "vocabulary", "phraseology", "grammar", "conventions"];

    /// <summary>Records of a delimited file with the line each starts on (1-based); the header is the first record.</summary>
    public static IEnumerable<(int Line, List<string> Fields)> ReadRecords(TextReader reader, char delimiter)
    {
        var line = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        var recordLine = 1;
        var inQuotes = false;
        var fieldStart = true;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    var next = reader.Peek();
                    if (next == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else if (next < 0 || next == delimiter || next == '\n' || next == '\r')
                    {
                        inQuotes = false;
                    }
                    else
                    {
                        field.Append('"');
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            if (ch == '"' && fieldStart)
            {
                inQuotes = true;
                fieldStart = false;
                any = true;
                continue;
            }

            if (ch == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStart = true;
                any = true;
                continue;
            }

            if (ch == '\r')
            {
                continue;
            }

            if (ch == '\n')
            {
                if (any || field.Length > 0)
                {
                    fields.Add(field.ToString());
                    yield return (recordLine, fields);
                }

                fields = [];
                field.Clear();
                fieldStart = true;
                any = false;
                line++;
                recordLine = line;
                continue;
            }

            field.Append(ch);
            fieldStart = false;
            any = true;
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields);
        }
    }

    /// <summary>An ELL-format CSV (<c>text_id,full_text</c>, with the six trait columns when <paramref name="withScores"/>).</summary>
    public static List<EllEssay> ReadEll(TextReader reader, bool withScores, List<TableProblem> problems)
    {
        var essays = new List<EllEssay>();
        Dictionary<string, int>? header = null;
        string[] needed = withScores ? ["text_id", "full_text", .. TraitColumns] : ["text_id", "full_text"];
        foreach (var (line, fields) in ReadRecords(reader, ','))
        {
            if (header is null)
            {
                header = Header(fields);
                var missing = needed.Where(n => !header.ContainsKey(n)).ToList();
                if (missing.Count > 0)
                {
                    problems.Add(new TableProblem(line, $"the header lacks column(s) {string.Join(", ", missing)}"));
                    return essays;
                }

                continue;
            }

            if (fields.Count != header.Count)
            {
                problems.Add(new TableProblem(line, $"{fields.Count} fields where the header has {header.Count}"));
                continue;
            }

            var id = fields[header["text_id"]].Trim();
            var text = fields[header["full_text"]];
            if (id.Length == 0)
            {
                problems.Add(new TableProblem(line, "empty text_id"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add(new TableProblem(line, $"empty essay ({id})"));
                continue;
            }

            double[]? scores = null;
            if (withScores)
            {
                scores = new double[TraitColumns.Length];
                var bad = false;
                for (var t = 0; t < TraitColumns.Length; t++)
                {
                    if (!double.TryParse(fields[header[TraitColumns[t]]], NumberStyles.Float, CultureInfo.InvariantCulture, out scores[t]) || scores[t] is < 1 or > 5)
                    {
                        problems.Add(new TableProblem(line, $"{TraitColumns[t]} of {id} is not a score from 1 to 5"));
                        bad = true;
                        break;
                    }
                }

                if (bad)
                {
                    continue;
                }
            }

            essays.Add(new EllEssay(id, text, scores, line));
        }

        if (header is null)
        {
            problems.Add(new TableProblem(1, "the file is empty (no header)"));
        }

        return essays;
    }

    /// <summary>An ASAP-format TSV (<c>essay_id,essay_set,essay</c>, with <c>domain1_score</c> when <paramref name="withScores"/>).</summary>
    public static List<AsapEssay> ReadAsap(TextReader reader, bool withScores, List<TableProblem> problems)
    {
        var essays = new List<AsapEssay>();
        Dictionary<string, int>? header = null;
        string[] needed = withScores ? ["essay_id", "essay_set", "essay", "domain1_score"] : ["essay_id", "essay_set", "essay"];
        foreach (var (line, fields) in ReadRecords(reader, '\t'))
        {
            if (header is null)
            {
                header = Header(fields);
                var missing = needed.Where(n => !header.ContainsKey(n)).ToList();
                if (missing.Count > 0)
                {
                    problems.Add(new TableProblem(line, $"the header lacks column(s) {string.Join(", ", missing)}"));
                    return essays;
                }

                continue;
            }

            if (fields.Count < needed.Max(n => header[n]) + 1)
            {
                problems.Add(new TableProblem(line, $"{fields.Count} fields where the header has {header.Count}"));
                continue;
            }

            var id = fields[header["essay_id"]].Trim();
            if (id.Length == 0)
            {
                problems.Add(new TableProblem(line, "empty essay_id"));
                continue;
            }

            if (!int.TryParse(fields[header["essay_set"]].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var set) || set is < 1 or > 8)
            {
                problems.Add(new TableProblem(line, $"essay_set of {id} is not 1–8"));
                continue;
            }

            var text = fields[header["essay"]];
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add(new TableProblem(line, $"empty essay ({id})"));
                continue;
            }

            int? score = null;
            if (withScores)
            {
                var (min, max) = AsapScale.Of(set);
                if (!double.TryParse(fields[header["domain1_score"]].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max || value != Math.Floor(value))
                {
                    problems.Add(new TableProblem(line, $"domain1_score of {id} is not a whole number from {min} to {max}"));
                    continue;
                }

                score = (int)value;
            }

            essays.Add(new AsapEssay(id, set, text, score, line));
        }

        if (header is null)
        {
            problems.Add(new TableProblem(1, "the file is empty (no header)"));
        }

        return essays;
    }

    /// <summary>A field quoted when it holds the delimiter, a quote or a line break.</summary>
    public static string Quote(string field, char delimiter) =>
        field.Contains(delimiter, StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal) || field.Contains('\n', StringComparison.Ordinal) || field.Contains('\r', StringComparison.Ordinal)
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;

    private static Dictionary<string, int> Header(List<string> fields)
    {
        var header = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            header.TryAdd(fields[i].Trim().TrimStart('\uFEFF'), i);
        }

        return header;
    }
}
