using TutorPlatform.Core.Speaking;

namespace TutorPlatform.Web.Components.Speaking;

/// <summary>Labels, colours and the one-line explanations the speaking coach shows.</summary>
public static class SpeakingText
{
    public static IReadOnlyList<(string Key, string Name, string Explanation)> ScoreLines { get; } =
    [
        ("accuracy", "Accuracy", "How close each sound was to a clear, standard pronunciation."),
        ("fluency", "Fluency", "How smoothly you read: an even pace, with pauses only where they belong."),
        ("completeness", "Completeness", "How much of the text you read: words left out lower it."),
        ("prosody", "Prosody", "Rhythm, stress and intonation: whether it sounded natural."),
    ];

    public const string TotalExplanation = "All four together, on the 0–100 scale examiners use; words left out bring it down.";

    /// <summary>"wrong 2 of 5 times", "wrong both times", "wrong every time (4)", "wrong the one time it came up".</summary>
    public static string HowOften(string what, int times, int seen) => (times, seen) switch
    {
        (1, 1) => $"{what} the one time it came up",
        (2, 2) => $"{what} both times",
        _ when times == seen => $"{what} every time ({seen})",
        _ => $"{what} {times} of {seen} times",
    };

    public static double Score(SpeakingScores scores, string key) => key switch
    {
        "accuracy" => scores.Accuracy,
        "fluency" => scores.Fluency,
        "completeness" => scores.Completeness,
        "prosody" => scores.Prosody,
        _ => scores.Total,
    };

    /// <summary>good (80+), fair (60–79) or weak (under 60), the CSS class of a score.</summary>
    public static string Band(double score) => score >= 80 ? "good" : score >= 60 ? "fair" : "weak";

    public static MudBlazor.Color BandColor(double score) =>
        score >= 80 ? MudBlazor.Color.Success : score >= 60 ? MudBlazor.Color.Warning : MudBlazor.Color.Error;

    public static string ErrorLabel(WordErrorType error) => error switch
    {
        WordErrorType.Mispronunciation => "Mispronounced",
        WordErrorType.Omission => "Left out",
        WordErrorType.Insertion => "Added",
        WordErrorType.Repetition => "Repeated",
        WordErrorType.UnexpectedPause => "Pause before",
        _ => "Fine",
    };

    /// <summary>An example word for a CMU phone, so students can hear the sound.</summary>
    public static string PhoneExample(string phone) => phone.ToUpperInvariant() switch
    {
        "AA" => "father", "AE" => "cat", "AH" => "cup", "AO" => "thought", "AW" => "now", "AY" => "my",
        "B" => "bad", "CH" => "chair", "D" => "day", "DH" => "this", "EH" => "bed", "ER" => "bird", "EY" => "day",
        "F" => "fish", "G" => "go", "HH" => "hat", "IH" => "sit", "IY" => "see", "JH" => "job", "K" => "cat",
        "L" => "leg", "M" => "man", "N" => "no", "NG" => "sing", "OW" => "go", "OY" => "boy", "P" => "pen",
        "R" => "red", "S" => "sun", "SH" => "she", "T" => "tea", "TH" => "think", "UH" => "book", "UW" => "food",
        "V" => "van", "W" => "wet", "Y" => "yes", "Z" => "zoo", "ZH" => "vision",
        _ => "",
    };

    public static string FormatSeconds(double seconds) => $"{(int)seconds / 60}:{(int)seconds % 60:00}";
}
