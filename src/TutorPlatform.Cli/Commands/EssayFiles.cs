using System.Text;

namespace TutorPlatform.Cli.Commands;

/// <summary>Reads one column of the shared essay tables: RFC 4180 CSV (quoted fields may hold newlines) or plain TSV.</summary>
internal static class EssayFiles
{
    public static IEnumerable<string> Column(string path, string column, char delimiter)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = ReadRecord(reader, delimiter) ?? throw new CliException($"{path} is empty.");
        var index = header.IndexOf(column);
        if (index < 0)
        {
            throw new CliException($"{path} has no `{column}` column (columns: {string.Join(", ", header)}).");
        }

        while (ReadRecord(reader, delimiter) is { } record)
        {
            if (index < record.Count)
            {
                yield return record[index];
            }
        }
    }

    private static List<string>? ReadRecord(StreamReader reader, char delimiter)
    {
        if (reader.Peek() < 0)
        {
            return null;
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var quotes = delimiter == ',';
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                fields.Add(field.ToString());
                return fields;
            }

            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (quotes && ch == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (ch == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                return fields;
            }
            else
            {
                field.Append(ch);
            }
        }
    }
}
