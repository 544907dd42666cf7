using System.CommandLine;

namespace TutorPlatform.Cli.Commands;

/// <summary><c>tutor essays correct</c> and its evaluation on JFLEG and CoNLL-2013.</summary>
internal static class EssayCorrectionCommands
{
    /// <summary>Adds the correction subcommands to <c>essays</c>.</summary>
    public static void AddTo(Command essays)
    {
        ArgumentNullException.ThrowIfNull(essays);
    }
}
