using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Ai;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Data;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Core.Speaking;

/// <summary>
/// Role-play conversations on speaking assignments: the large model plays the partner (streamed), the student answers by
/// voice or text, each spoken line is transcribed on the device and gets a pronunciation note, a grammar correction
/// and speaking measures; the end summary says which goals were met. Without a large model the role-play is
/// unavailable (<see cref="IsAvailable"/>); read-aloud does not need it.
/// </summary>
public sealed class RolePlayService(
    IDbContextFactory<TutorDbContext> dbFactory,
    TimeProvider clock,
    IAudioDecoder decoder,
    ISpeechRecognizer recognizer,
    SpeakingService speaking,
    IChatModelStatus chatStatus,
    PromptLibrary prompts,
    IServiceProvider services,
    IOptions<SpeakingOptions> options,
    ILogger<RolePlayService> logger)
{
    public const string Feature = "speaking-roleplay";
    public const int MaxLineLength = 1000;
    private const int HistoryTurns = 8;
    private const int ReplyTokens = 80;

    public bool IsAvailable => chatStatus.IsConfigured;

    /// <summary>Shown to students, so it names no setting: the administrator's hint is on the Models page and in /health/ready.</summary>
    public string NotAvailableMessage => "The conversation cannot start: role-play needs the large model, and none is set up on this " +
                                         "server yet. Read-aloud assignments and speaking practice work without it; ask your teacher " +
                                         "about this one.";

    /// <summary>The student's latest conversation on the assignment, or a new one; null when the assignment is not a role-play of theirs.</summary>
    public async Task<RolePlaySession?> OpenAsync(Actor student, Guid assignmentId, bool startOver = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignment = await SpeakingService.VisibleToStudent(db, student).AsNoTracking().FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment?.Speaking is not { Mode: SpeakingMode.RolePlay } settings)
        {
            return null;
        }

        var conversation = startOver ? null : await db.RolePlayConversations
            .Where(c => c.AssignmentId == assignmentId && c.StudentId == student.UserId)
            .OrderByDescending(c => c.StartedAt)
            .FirstOrDefaultAsync(ct);
        if (conversation is null)
        {
            if (assignment.State == AssignmentState.Closed)
            {
                throw new DomainRuleException("This assignment is closed: it takes no more work.");
            }

            conversation = new RolePlayConversation { StudentId = student.UserId, AssignmentId = assignmentId, StartedAt = clock.GetUtcNow() };
            db.RolePlayConversations.Add(conversation);
            await db.SaveChangesAsync(ct);
        }

        return ToSession(conversation, settings);
    }

    /// <summary>
    /// Streams the partner's next line (the opening line when the student has said nothing yet) and saves it once complete.
    /// </summary>
    /// <exception cref="ChatModelException">No model is configured, or it failed.</exception>
    public async IAsyncEnumerable<string> StreamPartnerLineAsync(Actor student, Guid conversationId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var (conversation, settings) = await LoadAsync(student, conversationId, ct);
        var client = Client();
        var turns = Turns(conversation);
        var template = prompts.Latest("roleplay-partner");
        var rendered = template.Render(new Dictionary<string, string>
        {
            ["scenario"] = settings.Scenario ?? "",
            ["goals"] = string.Join("; ", settings.Goals),
        });
        var messages = rendered.Messages.ToList();
        var recent = turns.TakeLast(HistoryTurns).ToList();
        if (recent.Count == 0 || recent[0].Speaker == RolePlaySpeaker.Partner)
        {
            messages.Add(new ChatMessage(ChatRole.User, "(The conversation starts. Say your first line.)"));
        }

        messages.AddRange(recent.Select(t => new ChatMessage(t.Speaker == RolePlaySpeaker.Partner ? ChatRole.Assistant : ChatRole.User, t.Text)));
        var chatOptions = new ChatOptions { MaxOutputTokens = ReplyTokens }.ForFeature(Feature, template);
        var text = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(messages, chatOptions, ct))
        {
            if (update.Text is { Length: > 0 } piece)
            {
                text.Append(piece);
                yield return piece;
            }
        }

        var line = text.ToString().Trim();
        if (line.Length == 0)
        {
            throw new ChatModelException(ChatModelFailure.Unavailable, "The model gave an empty answer. Try again.");
        }

        await AppendAsync(student, conversationId, new RolePlayTurn(RolePlaySpeaker.Partner, Clip(line), false, null, null, clock.GetUtcNow()), ct);
    }

    /// <summary>A typed student line, with the model's grammar correction where it gives one.</summary>
    public async Task<RolePlayTurn> AddTypedLineAsync(Actor student, Guid conversationId, string text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainRuleException("Type something to say first.");
        }

        await LoadAsync(student, conversationId, ct);
        var line = Clip(text.Trim());
        var feedback = new TurnFeedback(null, null, await CorrectAsync(line, ct), null, []);
        var turn = new RolePlayTurn(RolePlaySpeaker.Student, line, false, null, feedback, clock.GetUtcNow());
        await AppendAsync(student, conversationId, turn, ct);
        return turn;
    }

    /// <summary>
    /// A spoken student line: checked and decoded like any take, transcribed on the device, then given a pronunciation
    /// note (where the scorer is installed), speaking measures and a grammar correction; saved as a take with its audio.
    /// </summary>
    /// <exception cref="SpeakingInputException">The audio is refused (format, length, silence), or nothing could be made out.</exception>
    public async Task<RolePlayTurn> AddSpokenLineAsync(Actor student, Guid conversationId, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        var (conversation, _) = await LoadAsync(student, conversationId, ct);
        var audio = await SpeakingAudioPipeline.DecodeAsync(decoder, data, options.Value, ct);
        var recognition = await recognizer.RecognizeAsync(audio, RecognitionOptions.Free, ct);
        if (string.IsNullOrWhiteSpace(recognition.Text))
        {
            throw new SpeakingInputException(SpeakingInputError.Silent, "No words could be made out in that take. Try again a little slower and closer to the microphone, or type your answer.");
        }

        var line = Clip(recognition.Text.Trim());
        var measures = SpeechMeasures.From(recognition.Words);
        PronunciationAssessment? assessment = null;
        if (speaking.CanAssess)
        {
            try
            {
                assessment = await speaking.AssessAsync(audio, line, ct);
            }
            catch (Exception ex) when (ex is SpeechEngineException or AlignmentException)
            {
                logger.LogWarning(ex, "Role-play line could not be scored for pronunciation");
            }
        }

        var weak = WeakWords(assessment, recognition);
        var feedback = new TurnFeedback(PronunciationNote(assessment, weak, measures), assessment?.Total, await CorrectAsync(line, ct), measures, weak);
        var attempt = SpeakingAttempt.Take(student.UserId, SpeakingMode.RolePlay, audio, assessment, clock.GetUtcNow());
        attempt.AssignmentId = conversation.AssignmentId;
        attempt.ConversationId = conversationId;
        attempt.ReferenceText = line;
        attempt.RecognizedText = line;
        attempt.FeedbackJson = SpeakingJson.Write(feedback);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.SpeakingAttempts.Add(attempt);
            await db.SaveChangesAsync(ct);
        }

        var turn = new RolePlayTurn(RolePlaySpeaker.Student, line, true, attempt.Id, feedback, clock.GetUtcNow());
        await AppendAsync(student, conversationId, turn, ct);
        return turn;
    }

    /// <summary>Ends the conversation: goals met (judged by the model where it can), corrections and words to practise; hands it in.</summary>
    public async Task<RolePlaySession> EndAsync(Actor student, Guid conversationId, CancellationToken ct = default)
    {
        var (conversation, settings) = await LoadAsync(student, conversationId, ct);
        var turns = Turns(conversation);
        var studentTurns = turns.Where(t => t.Speaker == RolePlaySpeaker.Student).ToList();
        if (studentTurns.Count == 0)
        {
            throw new DomainRuleException("Say or type at least one line before you finish the role-play.");
        }

        var corrections = studentTurns.Select(t => t.Feedback?.Correction).OfType<GrammarCorrection>().ToList();
        var words = studentTurns.SelectMany(t => t.Feedback?.WeakWords ?? []).Where(w => !SpeechMeasures.IsHesitation(w)).GroupBy(w => w, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).Take(10).ToList();
        IReadOnlyList<GoalResult> goals = settings.Goals.Select(g => new GoalResult(g, null, null)).ToList();
        string? note;
        try
        {
            var template = prompts.Latest("roleplay-summary");
            var transcript = string.Join('\n', turns.Select(t => $"{(t.Speaker == RolePlaySpeaker.Partner ? "Partner" : "Learner")}: {t.Text}"));
            var rendered = template.Render(
                new Dictionary<string, string>
                {
                    ["scenario"] = settings.Scenario ?? "",
                    ["goals"] = string.Join('\n', settings.Goals.Select((g, i) => $"{i + 1}. {g}")),
                },
                new Dictionary<string, string> { ["transcript"] = transcript });
            using var budget = FeedbackBudget(ct);
            var answer = await StructuredAnswers.GetAsync<GoalsAnswer>(Client(), rendered.Messages, prompts,
                new ChatOptions { MaxOutputTokens = 400 }.ForFeature(Feature, template), budget.Token);
            goals = settings.Goals.Select((g, i) => answer.Value.Goals.FirstOrDefault(a => a.Number == i + 1) is { } judged
                ? new GoalResult(g, judged.Met, judged.Evidence)
                : new GoalResult(g, null, null)).ToList();
            note = answer.Value.Comment;
        }
        catch (Exception ex) when (ex is ChatModelException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning(ex, "Role-play summary: the model could not judge the goals");
            note = "The model could not judge the goals this time, so your teacher will look at them.";
        }

        var summary = new RolePlaySummary(goals, corrections, words, note);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.RolePlayConversations.FirstAsync(c => c.Id == conversationId, ct);
        row.SummaryJson = SpeakingJson.Write(summary);
        row.EndedAt = now;
        row.HandedInAt = now;
        await SpeakingService.MarkSubmittedAsync(db, student, row.AssignmentId, now, ct);
        await db.SaveChangesAsync(ct);
        return ToSession(row, settings);
    }

    /// <summary>Role-plays on one of the teacher's assignments; null when not theirs.</summary>
    public async Task<IReadOnlyList<(string StudentName, RolePlaySession Session)>?> ListForAssignmentAsync(Actor teacher, Guid assignmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignment = await SpeakingService.OwnedAssignments(db, teacher).AsNoTracking().FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment?.Speaking is not { } settings)
        {
            return null;
        }

        var rows = await db.RolePlayConversations.AsNoTracking().Where(c => c.AssignmentId == assignmentId)
            .OrderBy(c => c.Student!.DisplayName).ThenByDescending(c => c.StartedAt)
            .Select(c => new { c, c.Student!.DisplayName }).ToListAsync(ct);
        return rows.Select(r => (r.DisplayName, ToSession(r.c, settings))).ToList();
    }

    private async Task<GrammarCorrection?> CorrectAsync(string line, CancellationToken ct)
    {
        try
        {
            var template = prompts.Latest("roleplay-grammar");
            var rendered = template.Render(data: new Dictionary<string, string> { ["line"] = line });
            using var budget = FeedbackBudget(ct);
            var answer = await StructuredAnswers.GetAsync<GrammarAnswer>(Client(), rendered.Messages, prompts,
                new ChatOptions { MaxOutputTokens = 200 }.ForFeature(Feature, template), budget.Token);
            return answer.Value is { HasError: true, Corrected: { Length: > 0 } corrected }
                   && !string.Equals(Normalize(corrected), Normalize(line), StringComparison.Ordinal)
                ? new GrammarCorrection(line, corrected.Trim(), answer.Value.Explanation?.Trim() ?? "")
                : null;
        }
        catch (Exception ex) when (ex is ChatModelException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogInformation(ex, "Role-play grammar check gave no usable answer");
            return null;
        }
    }

    private static List<string> WeakWords(PronunciationAssessment? assessment, RecognitionResult recognition) =>
        assessment is not null
            ? assessment.Words.Where(w => w.ErrorType == WordErrorType.Mispronunciation || w.Accuracy < SpeakingService.WeakScore)
                .Select(w => w.Word).Where(w => !SpeechMeasures.IsHesitation(w)).Distinct(StringComparer.OrdinalIgnoreCase).Take(5).ToList()
            : recognition.Words.Where(w => w.Confidence < 0.5 && !SpeechMeasures.IsHesitation(w.Word))
                .Select(w => w.Word).Distinct(StringComparer.OrdinalIgnoreCase).Take(5).ToList();

    internal static string PronunciationNote(PronunciationAssessment? assessment, IReadOnlyList<string> weak, SpeechMeasures measures)
    {
        var pace = measures.WordsPerMinute switch
        {
            0 => "",
            < 80 => " You spoke quite slowly; try linking words together.",
            > 180 => " You spoke fast; slow down a little so every word is clear.",
            _ => "",
        };
        if (measures.Hesitations >= 3 && measures.Hesitations * 5 >= measures.Words)
        {
            pace += $" You said \"uh\" or \"um\" {measures.Hesitations} times; a short silent pause sounds more fluent.";
        }

        var words = weak.Count > 0 ? $" Listen again to: {string.Join(", ", weak)}." : "";
        if (assessment is null)
        {
            return (weak.Count > 0 ? $"Some words were hard to make out: {string.Join(", ", weak)}." : "Your words came through clearly.") + pace;
        }

        var verdict = assessment.Total switch
        {
            >= 80 => "Clear pronunciation.",
            >= 60 => "Mostly clear pronunciation.",
            _ => "Some of this was hard to understand.",
        };
        return $"{verdict} (score {assessment.Total:0}).{words}{pace}";
    }

    private CancellationTokenSource FeedbackBudget(CancellationToken ct)
    {
        var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(TimeSpan.FromSeconds(options.Value.FeedbackSeconds));
        return budget;
    }

    private IChatClient Client() => services.GetService<IChatClient>()
                                    ?? throw new ChatModelException(ChatModelFailure.NotConfigured, NotAvailableMessage);

    private async Task<(RolePlayConversation Conversation, SpeakingSettings Settings)> LoadAsync(Actor student, Guid conversationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.RolePlayConversations.AsNoTracking()
            .Where(c => c.Id == conversationId && c.StudentId == student.UserId)
            .Select(c => new { Conversation = c, c.Assignment!.Speaking, c.Assignment.State })
            .FirstOrDefaultAsync(ct);
        if (row?.Speaking is null)
        {
            throw new DomainRuleException("This role-play is not yours or no longer exists.");
        }

        if (row.Conversation.EndedAt is not null)
        {
            throw new DomainRuleException("This role-play has ended. Start a new one to practise again.");
        }

        if (row.State == AssignmentState.Closed)
        {
            throw new DomainRuleException("This assignment is closed: it takes no more work.");
        }

        return (row.Conversation, row.Speaking);
    }

    private async Task AppendAsync(Actor student, Guid conversationId, RolePlayTurn turn, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.RolePlayConversations.FirstAsync(c => c.Id == conversationId && c.StudentId == student.UserId, ct);
        var turns = Turns(row);
        turns.Add(turn);
        row.TranscriptJson = SpeakingJson.Write(turns);
        await db.SaveChangesAsync(ct);
    }

    private static List<RolePlayTurn> Turns(RolePlayConversation conversation) =>
        SpeakingJson.Read<List<RolePlayTurn>>(conversation.TranscriptJson) ?? [];

    private static RolePlaySession ToSession(RolePlayConversation c, SpeakingSettings settings) => new(
        c.Id, c.AssignmentId, settings.Scenario ?? "", settings.Goals, Turns(c), SpeakingJson.Read<RolePlaySummary>(c.SummaryJson),
        c.StartedAt, c.EndedAt, c.HandedInAt);

    private static string Clip(string text) => text.Length <= MaxLineLength ? text : text[..MaxLineLength];

    private static string Normalize(string text) =>
        new string(text.Where(c => char.IsLetterOrDigit(c) || c == ' ').ToArray()).ToLowerInvariant().Trim();
}
