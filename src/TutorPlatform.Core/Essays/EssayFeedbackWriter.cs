using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Ai;

namespace TutorPlatform.Core.Essays;

/// <summary>What the large model needs to write feedback on one essay.</summary>
/// <param name="Task">The assignment's prompt (trusted: written by the teacher); null for API essays without one.</param>
/// <param name="Traits">The traits the assignment's rubric keeps, in its order; null or empty for the six (API essays).</param>
public sealed record EssayFeedbackInput(string Text, string? Task, EssayTraitScores Scores, IReadOnlyList<EssayIssue> Issues, IReadOnlyList<EssayTrait>? Traits = null);

/// <summary>
/// The large model's written feedback on an essay (prompt essay-feedback v3): per trait what is good and the one change
/// that would raise it, quoting the student, then a corrected version of the weakest paragraph. The essay goes in only
/// as delimited data. The scores are the small model's and are given to the model as final: nothing it writes is read
/// back into a score.
/// </summary>
public sealed class EssayFeedbackWriter(IServiceProvider services, PromptLibrary prompts, IChatModelStatus status)
{
    public const string Feature = "essay-feedback";
    public const string PromptName = "essay-feedback";
    public const int PromptVersion = 3;
    public const string CorrectedHeading = "### Corrected paragraph";

    private readonly IChatClient? _chat = services.GetService<IChatClient>();

    /// <summary>Whether a large model is configured; when false the coach shows <see cref="UnavailableMessage"/>.</summary>
    public bool IsAvailable => _chat is not null && status.IsConfigured;

    public static string UnavailableMessage =>
        "Written feedback is unavailable: no large model is configured. The scores and corrections are complete without it.";

    public string PromptId => prompts.Get(PromptName, PromptVersion).Id;

    /// <summary>The feedback as it is generated, piece by piece.</summary>
    /// <exception cref="InvalidOperationException">No large model is configured (check <see cref="IsAvailable"/>).</exception>
    /// <exception cref="ChatModelException">The model failed (timeout, unreachable, malformed reply).</exception>
    public async IAsyncEnumerable<string> StreamAsync(EssayFeedbackInput input, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException(UnavailableMessage);
        }

        var prompt = Render(input);
        var options = new ChatOptions { Temperature = 0.3f, MaxOutputTokens = 1500 }.ForFeature(Feature, prompts.Get(PromptName, PromptVersion));
        await foreach (var update in _chat!.GetStreamingResponseAsync(prompt.Messages, options, ct))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                yield return update.Text;
            }
        }
    }

    /// <summary>The whole feedback at once (the API's background job).</summary>
    public async Task<string> WriteAsync(EssayFeedbackInput input, CancellationToken ct = default)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var piece in StreamAsync(input, ct))
        {
            text.Append(piece);
        }

        return text.ToString().Trim();
    }

    public RenderedPrompt Render(EssayFeedbackInput input)
    {
        var template = prompts.Get(PromptName, PromptVersion);
        IReadOnlyList<EssayTrait> traits = input.Traits is { Count: > 0 } kept ? kept : Enum.GetValues<EssayTrait>();
        var scores = string.Join(", ", traits.Select(t => $"{t} {input.Scores[t].ToString("0.0", CultureInfo.InvariantCulture)}"));
        var more = traits.Skip(1).Select(t => $"### {t}").ToList();
        return template.Render(
            new Dictionary<string, string>
            {
                ["level"] = CefrBands.For(traits.Average(t => input.Scores[t])).Level,
                ["first_trait"] = traits[0].ToString(),
                ["more_traits"] = more.Count switch
                {
                    0 => "Write that block for this one trait only.",
                    1 => $"Repeat that block for {more[0]}, and for no other trait.",
                    _ => $"Repeat that block for {string.Join(", ", more[..^1])} and {more[^1]}, in that order, and for no other trait.",
                },
                ["task"] = string.IsNullOrWhiteSpace(input.Task) ? "(no task was given: judge the essay on its own terms)" : input.Task.Trim(),
                ["scores"] = scores,
            },
            new Dictionary<string, string>
            {
                ["essay"] = input.Text,
                ["paragraph"] = EssayText.WeakestParagraph(input.Text, input.Issues) ?? input.Text,
            });
    }

    /// <summary>Splits saved or streaming feedback into the per-trait part and the corrected paragraph (null until it starts).</summary>
    public static (string Comments, string? CorrectedParagraph) Split(string feedback)
    {
        var at = feedback.IndexOf(CorrectedHeading, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return (feedback, null);
        }

        var corrected = feedback[(at + CorrectedHeading.Length)..].Trim();
        return (feedback[..at].TrimEnd(), corrected);
    }
}
