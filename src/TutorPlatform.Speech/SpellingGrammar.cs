namespace TutorPlatform.Speech;

/// <summary>
/// The JSGF grammar for spelled input (AN4-style): any sequence of letters, digits, number words and command words,
/// with dates as a month and an ordinal. Ordinals only follow a month and "and" only follows "hundred", because
/// free-standing they are confused with cardinals ("sixth"/"six") and with the letter N.
/// </summary>
internal static class SpellingGrammar
{
    private static readonly string[] Letters = "abcdefghijklmnopqrstuvwxyz".Select(c => c.ToString()).ToArray();
    private static readonly string[] Digits = ["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    private static readonly string[] Numbers =
    [
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "thousand", "double", "triple",
    ];

    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly string[] Ordinals =
    [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
        "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth",
    ];

    private static readonly string[] Commands = ["yes", "no", "go", "stop", "start", "enter", "erase", "rubout", "repeat", "help"];

    /// <summary>
    /// Search settings for this grammar: a strong word insertion penalty and a lower grammar weight, because short
    /// letters are otherwise inserted in noise and pauses. Chosen on AN4 clips 1–75 of the shared data
    /// (WER 0.72 with the defaults → 0.235); clips 76–150 were not used for tuning.
    /// </summary>
    public static IReadOnlyDictionary<string, double> SearchSettings { get; } = new Dictionary<string, double>
    {
        ["-lw"] = 4,
        ["-wip"] = 1e-4,
        ["-pip"] = 0.5,
    };

    /// <summary>Every word the grammar can produce.</summary>
    public static IEnumerable<string> Words => Letters.Concat(Digits).Concat(Numbers).Concat(Months).Concat(Ordinals).Concat(Commands).Append("hundred").Append("and");

    public static string Jsgf =>
        "#JSGF V1.0;\ngrammar spelling;\n" +
        "public <spelling> = <item>+;\n" +
        "<item> = <letter> | <digit> | <number> | <date> | <command>;\n" +
        $"<letter> = {string.Join(" | ", Letters)};\n" +
        $"<digit> = {string.Join(" | ", Digits)};\n" +
        $"<number> = {string.Join(" | ", Numbers)} | hundred [ and ];\n" +
        $"<date> = ( {string.Join(" | ", Months)} ) [ twenty | thirty ] ( {string.Join(" | ", Ordinals)} );\n" +
        $"<command> = {string.Join(" | ", Commands)};\n";
}
