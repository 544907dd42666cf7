using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TutorPlatform.Speech.Assessment;

/// <summary>Expert scores of one utterance on speechocean762's 0–10 scales.</summary>
/// <param name="WordMean">The mean of the experts' word accuracy over the utterance's words (the sentence accuracy where its words are not scored; NaN: not known).</param>
public sealed record SentenceLabels(double Accuracy, double Completeness, double Fluency, double Prosody, double Total, double WordMean = double.NaN);

/// <summary>One scored utterance of speechocean762 (sentence_scores.tsv and word_scores.tsv of the shared copy).</summary>
/// <param name="WordAccuracy">Expert word accuracy 0–10 by reference word index.</param>
/// <param name="PhoneWrong">Per reference word, the share of experts who marked each of its phones wrong; null where the experts' phone counts disagree.</param>
public sealed record ScoredUtterance(
    string Id, string Speaker, string WavPath, string Text, SentenceLabels Labels, IReadOnlyList<double> WordAccuracy,
    IReadOnlyList<IReadOnlyList<double>?>? PhoneWrong = null);

/// <summary>Reads the shared copy of speechocean762, and the cache of extracted evidence kept beside training.</summary>
public static class Speechocean762
{
    /// <summary>The label to print beside every figure measured on this data (see ../shared/data/README.md).</summary>
    public const string DataSetLabel = "speechocean762 (pre-release expert medians)";

    internal static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static IReadOnlyList<ScoredUtterance> Load(string folder)
    {
        var sentences = ReadTsv(Path.Combine(folder, "sentence_scores.tsv"));
        var words = ReadTsv(Path.Combine(folder, "word_scores.tsv"))
            .GroupBy(r => r["utt_id"])
            .ToDictionary(g => g.Key, g => g.OrderBy(r => int.Parse(r["word_index"], CultureInfo.InvariantCulture)).ToList());
        return sentences.Select(r => new ScoredUtterance(
                r["utt_id"],
                r["speaker"],
                Path.Combine(folder, r["wav_path"]),
                r["text"],
                new SentenceLabels(Number(r["accuracy"]), Number(r["completeness"]), Number(r["fluency"]), Number(r["prosodic"]), Number(r["total"]),
                    words.TryGetValue(r["utt_id"], out var m) && m.Count > 0 ? m.Average(x => Number(x["accuracy"])) : Number(r["accuracy"])),
                words.TryGetValue(r["utt_id"], out var w) ? w.Select(x => Number(x["accuracy"])).ToList() : [],
                words.TryGetValue(r["utt_id"], out var p) ? p.Select(x => PhoneWrong(x.GetValueOrDefault("phones_experts", ""))).ToList() : null))
            .ToList();
    }

    /// <summary>
    /// From the experts' phone transcriptions of a word (<c>B (IH0) T | B IH0 T</c>: one per expert, <c>(X)</c> a
    /// phone scored wrong, possibly over several phones, <c>{X}</c> accented, <c>[X]</c> inserted) the share of experts
    /// who marked each phone wrong; null where the experts transcribed different numbers of phones.
    /// </summary>
    internal static IReadOnlyList<double>? PhoneWrong(string phonesExperts)
    {
        var experts = phonesExperts.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (experts.Length == 0)
        {
            return null;
        }

        var marks = new List<List<bool>>();
        foreach (var expert in experts)
        {
            var wrong = new List<bool>();
            var inWrong = false;
            var inInserted = false;
            foreach (var raw in expert.Replace("(", " ( ").Replace(")", " ) ").Replace("[", " [ ").Replace("]", " ] ").Replace("{", " ").Replace("}", " ")
                         .Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                switch (raw)
                {
                    case "(": inWrong = true; break;
                    case ")": inWrong = false; break;
                    case "[": inInserted = true; break;
                    case "]": inInserted = false; break;
                    default:
                        if (!inInserted)
                        {
                            wrong.Add(inWrong);
                        }

                        break;
                }
            }

            marks.Add(wrong);
        }

        var count = marks[0].Count;
        return count == 0 || marks.Any(m => m.Count != count)
            ? null
            : Enumerable.Range(0, count).Select(i => marks.Count(m => m[i]) / (double)marks.Count).ToList();
    }

    /// <summary>Reads the evidence cache: one JSON line per utterance id.</summary>
    public static Dictionary<string, AssessmentEvidence> ReadCache(string path)
    {
        var cache = new Dictionary<string, AssessmentEvidence>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return cache;
        }

        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var entry = JsonSerializer.Deserialize<CacheEntry>(line, Json);
            if (entry is not null)
            {
                cache[entry.Id] = entry.Evidence;
            }
        }

        return cache;
    }

    /// <summary>One line of the cache.</summary>
    public static string CacheLine(string id, AssessmentEvidence evidence) => JsonSerializer.Serialize(new CacheEntry(id, evidence), Json);

    private sealed record CacheEntry(string Id, AssessmentEvidence Evidence);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static List<Dictionary<string, string>> ReadTsv(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }

        var lines = File.ReadAllLines(path);
        var columns = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => columns.Zip(l.Split('\t')).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }
}
