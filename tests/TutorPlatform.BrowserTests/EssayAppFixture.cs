using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TutorPlatform.Core.Ai;
using TutorPlatform.Core.Essays;

namespace TutorPlatform.BrowserTests;

/// <summary>
/// As <see cref="AppServerFixture"/>, with a scripted large model that streams a fixed feedback text (so the page's
/// streaming and diff can be seen without a GPU). The on-device scorer and checker are the app's real ones when it has
/// them; only where none is registered, small stand-ins take their place.
/// </summary>
public sealed partial class EssayAppFixture : AppServerFixture
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton<IEssayScorer, StandInScorer>();
        services.TryAddSingleton<IEssayChecker, StandInChecker>();
        services.RemoveAll<IChatClient>();
        services.AddSingleton<IChatClient, ScriptedFeedbackChatClient>();
        services.RemoveAll<ChatModelStatus>();
        services.RemoveAll<IChatModelStatus>();
        services.AddSingleton(new ChatModelStatus(ChatProviders.OpenAI, "scripted-feedback", "test double"));
        services.AddSingleton<IChatModelStatus>(sp => sp.GetRequiredService<ChatModelStatus>());
    }

    /// <summary>Streams a fixed, well-formed feedback in small pieces.</summary>
    private sealed class ScriptedFeedbackChatClient : IChatClient
    {
        public const string Text =
            "### Cohesion\nGood: \"First, students who sleep more learn better\" introduces your first reason clearly.\nNext step: link your reasons: \"Second, ...\" instead of starting a new idea.\n\n" +
            "### Syntax\nGood: you mix short and long sentences.\nNext step: join \"I agree. Teenagers need sleep.\" into \"I agree because teenagers need sleep.\"\n\n" +
            "### Vocabulary\nGood: \"concentrate\" is precise.\nNext step: replace \"very good\" with \"beneficial\".\n\n" +
            "### Phraseology\nGood: \"in the morning\" is natural.\nNext step: say \"get enough sleep\" rather than \"take enough sleep\".\n\n" +
            "### Grammar\nGood: your verb tenses are consistent.\nNext step: \"students needs\" should be \"students need\".\n\n" +
            "### Conventions\nGood: your paragraphs are clear.\nNext step: check the spelling of \"becuase\".\n\n" +
            "### Corrected paragraph\nMany people think school should start later. I agree because teenagers need more sleep, and school at eight is too early for them.";

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Text)));

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var at = 0; at < Text.Length; at += 24)
            {
                await Task.Delay(15, cancellationToken);
                yield return new ChatResponseUpdate(ChatRole.Assistant, Text.Substring(at, Math.Min(24, Text.Length - at)));
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>Stands in for the trained scorer only while none is registered: longer, more varied essays score higher.</summary>
    private sealed partial class StandInScorer : IEssayScorer
    {
        public string ModelVersion => "stand-in@0";

        public EssayTraitScores Score(string text)
        {
            var words = Words().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();
            var variety = words.Count == 0 ? 0 : words.Distinct().Count() / (double)words.Count;
            var length = Math.Min(1.5, words.Count / 150.0);
            double S(double bias) => Math.Round(Math.Clamp(1.5 + length + variety + bias, 1, 5) * 2, MidpointRounding.AwayFromZero) / 2;
            return new EssayTraitScores(S(0), S(-0.2), S(0.2), S(0), S(-0.3), S(0.1));
        }

        public int ScoreAsap(string text, int essaySet) => 1;

        [GeneratedRegex(@"\p{L}+")]
        private static partial Regex Words();
    }

    /// <summary>Stands in for the on-device checker only while none is registered: a few fixed learner errors.</summary>
    private sealed class StandInChecker : IEssayChecker
    {
        private static readonly (string Wrong, string Right, EssayIssueCategory Category, string Message)[] Rules =
        [
            ("becuase", "because", EssayIssueCategory.Spelling, "Possible spelling mistake."),
            ("students needs", "students need", EssayIssueCategory.Grammar, "The verb should agree with the plural subject \"students\"."),
            ("very good", "beneficial", EssayIssueCategory.Vocabulary, "A more precise word than \"very good\"."),
        ];

        public EssayCheck Check(string text, string? prompt = null)
        {
            var issues = new List<EssayIssue>();
            foreach (var (wrong, right, category, message) in Rules)
            {
                for (var at = text.IndexOf(wrong, StringComparison.Ordinal); at >= 0; at = text.IndexOf(wrong, at + 1, StringComparison.Ordinal))
                {
                    issues.Add(new EssayIssue(at, wrong.Length, category, category.ToString().ToUpperInvariant(), message, [right]));
                }
            }

            TopicRelevance? relevance = prompt is null ? null : new TopicRelevance(0.8, false, "The essay discusses the prompt's topic.");
            return new EssayCheck(issues, relevance);
        }

        public string CorrectTokenizedSentence(string sentence) => sentence;
    }
}
