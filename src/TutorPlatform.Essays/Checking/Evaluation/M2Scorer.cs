namespace TutorPlatform.Essays.Checking.Evaluation;

/// <summary>One token edit: replace source tokens [Start, End) with <see cref="Correction"/> (space-joined, maybe empty).</summary>
public sealed record M2Edit(int Start, int End, string Correction);

/// <summary>One sentence of an M2 file: its tokens and the gold edits of each annotator.</summary>
public sealed record M2Sentence(IReadOnlyList<string> Tokens, IReadOnlyList<IReadOnlyList<M2Edit>> Annotators)
{
    public string Text => string.Join(' ', Tokens);
}

/// <summary>Edit-level precision, recall and F0.5.</summary>
public sealed record EditScores(int TruePositives, int Proposed, int Gold)
{
    public double Precision => Proposed == 0 ? 1 : (double)TruePositives / Proposed;
    public double Recall => Gold == 0 ? 1 : (double)TruePositives / Gold;

    public double F05
    {
        get
        {
            const double beta2 = 0.25;
            var p = Precision;
            var r = Recall;
            return p + r == 0 ? 0 : (1 + beta2) * p * r / (beta2 * p + r);
        }
    }
}

/// <summary>
/// Reads M2 files (CoNLL shared tasks) and scores a system's token edits against the gold edits. A simplification of
/// the official MaxMatch scorer: the system's edits are taken from a token-level alignment of source and output
/// (Levenshtein, where each maximal run of non-matching tokens becomes one edit) instead of M²'s search over the
/// edit lattice for the set that best matches the gold; an edit counts as correct when a gold edit has the same span
/// and the same correction. "noop" annotations are not edits. With several annotators, each sentence is scored
/// against the annotator that gives it the most true positives (fewest false positives and negatives on ties).
/// </summary>
public static class M2Scorer
{
    public static List<M2Sentence> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sentences = new List<M2Sentence>();
        List<string>? tokens = null;
        var annotators = new SortedDictionary<int, List<M2Edit>>();
        void Flush()
        {
            if (tokens is not null)
            {
                sentences.Add(new M2Sentence(tokens, annotators.Count == 0 ? [[]] : [.. annotators.Values]));
            }

            tokens = null;
            annotators = [];
        }

        foreach (var line in lines)
        {
            if (line.StartsWith("S ", StringComparison.Ordinal))
            {
                Flush();
                tokens = [.. line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            }
            else if (line.StartsWith("A ", StringComparison.Ordinal) && tokens is not null)
            {
                var fields = line[2..].Split("|||");
                var span = fields[0].Split(' ');
                var annotator = fields.Length > 5 && int.TryParse(fields[5], out var id) ? id : 0;
                if (!annotators.TryGetValue(annotator, out var list))
                {
                    annotators[annotator] = list = [];
                }

                if (fields[1] is "noop" || span[0] == "-1")
                {
                    continue;
                }

                list.Add(new M2Edit(int.Parse(span[0]), int.Parse(span[1]), fields[2].Trim()));
            }
            else if (line.Length == 0)
            {
                Flush();
            }
        }

        Flush();
        return sentences;
    }

    /// <summary>The edits that turn <paramref name="source"/> into <paramref name="output"/> (minimal token alignment).</summary>
    public static List<M2Edit> ExtractEdits(IReadOnlyList<string> source, IReadOnlyList<string> output)
    {
        var n = source.Count;
        var m = output.Count;
        var d = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= m; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var same = source[i - 1] == output[j - 1];
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (same ? 0 : 1));
            }
        }

        // Walk back, marking which source and output tokens are matched.
        var ops = new List<(int I, int J, bool Match)>();
        int a = n, b = m;
        while (a > 0 || b > 0)
        {
            if (a > 0 && b > 0 && source[a - 1] == output[b - 1] && d[a, b] == d[a - 1, b - 1])
            {
                ops.Add((a - 1, b - 1, true));
                a--;
                b--;
            }
            else if (a > 0 && b > 0 && d[a, b] == d[a - 1, b - 1] + 1)
            {
                ops.Add((a - 1, b - 1, false));
                a--;
                b--;
            }
            else if (a > 0 && d[a, b] == d[a - 1, b] + 1)
            {
                ops.Add((a - 1, -1, false));
                a--;
            }
            else
            {
                ops.Add((-1, b - 1, false));
                b--;
            }
        }

        ops.Reverse();
        var edits = new List<M2Edit>();
        var sourcePosition = 0;
        var k = 0;
        while (k < ops.Count)
        {
            if (ops[k].Match)
            {
                sourcePosition = ops[k].I + 1;
                k++;
                continue;
            }

            var start = sourcePosition;
            var corrected = new List<string>();
            while (k < ops.Count && !ops[k].Match)
            {
                if (ops[k].I >= 0)
                {
                    sourcePosition = ops[k].I + 1;
                }

                if (ops[k].J >= 0)
                {
                    corrected.Add(output[ops[k].J]);
                }

                k++;
            }

            edits.Add(new M2Edit(start, sourcePosition, string.Join(' ', corrected)));
        }

        return edits;
    }

    /// <summary>Scores system outputs (one per sentence, space-tokenized) against the gold edits.</summary>
    public static EditScores Score(IReadOnlyList<M2Sentence> gold, IReadOnlyList<string> outputs)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(outputs);
        if (gold.Count != outputs.Count)
        {
            throw new ArgumentException($"{outputs.Count} outputs for {gold.Count} gold sentences.");
        }

        int tp = 0, proposed = 0, goldCount = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            var system = ExtractEdits(gold[i].Tokens, outputs[i].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            var best = gold[i].Annotators
                .Select(edits => (Edits: edits, Hits: system.Count(e => edits.Contains(e))))
                .OrderByDescending(x => x.Hits)
                .ThenBy(x => system.Count - x.Hits + x.Edits.Distinct().Count() - x.Hits)
                .First();
            tp += best.Hits;
            proposed += system.Count;
            goldCount += best.Edits.Distinct().Count();
        }

        return new EditScores(tp, proposed, goldCount);
    }
}
