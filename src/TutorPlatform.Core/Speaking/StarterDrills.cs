namespace TutorPlatform.Core.Speaking;

/// <summary>A built-in read-aloud drill, for practice outside any assignment.</summary>
public sealed record ReadAloudDrill(string Key, string Title, string Level, string Focus, string Passage);

/// <summary>The starter set every student can practise with, from the student dashboard's Practice page.</summary>
public static class StarterDrills
{
    public static IReadOnlyList<ReadAloudDrill> All { get; } =
    [
        new("greetings", "Saying hello", "A1", "Short, clear sentences",
            "Hello, my name is Sam. I live in a small town near the sea. I like reading and playing football."),
        new("th-sounds", "Think about the weather", "A2", "The TH sounds in think and this",
            "I think the weather is better this month. Three of my brothers thought that the path was thin."),
        new("short-long-vowels", "Ship or sheep", "A2", "Short and long vowels",
            "The ship left the harbour at six. A sheep stood still on the green hill and ate the sweet grass."),
        new("r-and-l", "Right or light", "B1", "R and L",
            "Laura really likes to read late at night. She turned right at the red light and walked along the river."),
        new("word-stress", "A photograph of the photographer", "B1", "Word stress in long words",
            "The photographer took a photograph of the economic report. Her presentation about the environment was interesting."),
        new("linking", "An apple a day", "B2", "Linking words together",
            "An apple a day keeps the doctor away. Turn it off and put it on the table in an hour or so."),
    ];

    public static ReadAloudDrill? Find(string? key) => All.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.Ordinal));
}
