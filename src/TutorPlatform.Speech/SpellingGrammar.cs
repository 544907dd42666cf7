namespace TutorPlatform.Speech;

/// <summary>
/// The JSGF grammar for spelled input (AN4-style): letters, digits and numbers, months and ordinals for dates, and
/// the few command words such dialogues use. Any sequence of them can be recognised.
/// </summary>
internal static class SpellingGrammar
{
    public static readonly IReadOnlyList<string> Words =
    [
        .. "abcdefghijklmnopqrstuvwxyz".Select(c => c.ToString()),
        "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "and", "double", "triple",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
        "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth",
        "yes", "no", "go", "stop", "start", "enter", "erase", "rubout", "repeat", "help",
    ];

    public static string Jsgf => $"#JSGF V1.0;\ngrammar spelling;\npublic <spelling> = <item>+;\n<item> = {string.Join(" | ", Words)};\n";
}
