using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using TutorPlatform.Core.Ai;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Essays;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Web.Components.Essays;

public sealed partial class EssayCoachPanel
{
    private const string EditorId = "essay-editor";
    private static readonly TimeSpan AutosaveDelay = TimeSpan.FromSeconds(1);

    private readonly HashSet<EssayIssue> _fixed = [];
    private readonly List<(int Start, int Delta)> _fixShifts = [];
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private StudentEssay? _essay;
    private Actor _student = default!;
    private string _draft = "";
    private string _savedText = "";
    private DateTimeOffset? _savedAt;
    private SaveState _saveState = SaveState.Saved;
    private string? _saveError;
    private string? _loadError;
    private string? _submitError;
    private string? _fixMessage;
    private bool _restored;
    private bool _submitting;
    private int? _selectedNumber;
    private CancellationTokenSource? _autosave;
    private CancellationTokenSource? _feedbackCts;
    private Guid? _streamingVersionId;
    private StringBuilder? _stream;
    private bool _browserChecked;

    private enum SaveState
    {
        Saved,
        Pending,
        Saving,
        Error,
    }

    [Parameter, EditorRequired] public required AssignmentDetails Assignment { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject] private EssayCoachService Coach { get; set; } = default!;

    [Inject] private EssayFeedbackWriter Writer { get; set; } = default!;

    [Inject] private EssayDraftStore BrowserDrafts { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private EssayVersionView? Latest => _essay?.Versions.Count > 0 ? _essay.Versions[^1] : null;

    private EssayVersionView? Selected => _essay?.Versions.FirstOrDefault(v => v.Number == _selectedNumber) ?? Latest;

    private int Words => EssayText.WordCount(_draft);

    private int TargetWords => Assignment.Essay?.TargetWords ?? 350;

    private string DraftKey => $"{Assignment.Id}";

    private bool CanSubmitNow => _essay is { CanSubmit: true } && !_submitting && !string.IsNullOrWhiteSpace(_draft) && _draft != Latest?.Text
        && Words >= EssayLabels.MinimumWords;

    private string WordHint => EssayLabels.WordHint(Words, TargetWords);

    protected override async Task OnParametersSetAsync()
    {
        _student = (await AuthenticationState).User.ToActor();
        await LoadAsync();
        _draft = _essay?.DraftText ?? "";
        _savedText = _draft;
        _savedAt = _essay?.DraftSavedAt;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_essay is null || _browserChecked || !RendererInfo.IsInteractive)
        {
            return;
        }

        _browserChecked = true;
        await BrowserDrafts.WatchAsync(EditorId, DraftKey);
        var local = await BrowserDrafts.ReadAsync(DraftKey);
        if (local is not null && _essay.CanSubmit && local.Text != _draft && (_essay.DraftSavedAt is null || local.SavedAt > _essay.DraftSavedAt))
        {
            // Typed in this browser after the last save reached the server (connection lost, or a refresh mid-debounce).
            _draft = local.Text;
            _restored = true;
            await SaveAsync();
        }

        if (Latest is { FeedbackStatus: EssayFeedbackStatus.Pending } pending && Writer.IsAvailable)
        {
            _ = GenerateFeedbackAsync(pending); // interrupted earlier (page closed mid-stream): write it now
        }

        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        try
        {
            _essay = await Coach.GetForStudentAsync(_student, Assignment.Id);
            _loadError = _essay is null ? "This essay assignment is not available to you." : null;
        }
        catch (Exception ex) when (ex is DomainRuleException or InvalidOperationException)
        {
            _loadError = $"Your essay could not be loaded: {ex.Message}";
        }
    }

    private void OnDraftChanged(string value)
    {
        _draft = value ?? "";
        _saveState = SaveState.Pending;
        _autosave?.Cancel();
        _autosave = new CancellationTokenSource();
        var token = _autosave.Token;
        _ = Task.Delay(AutosaveDelay, token).ContinueWith(
            async _ => await InvokeAsync(async () =>
            {
                await SaveAsync();
                StateHasChanged();
            }),
            token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    private async Task SaveAsync()
    {
        await _saveGate.WaitAsync();
        try
        {
            var text = _draft;
            if (text == _savedText)
            {
                _saveState = SaveState.Saved;
                return;
            }

            _saveState = SaveState.Saving;
            string? error = null;
            DateTimeOffset? at = null;
            error = await ServiceErrors.TryAsync(async () => at = await Coach.SaveDraftAsync(_student, Assignment.Id, text));
            if (error is null && at is not null)
            {
                _savedText = text;
                _savedAt = at;
                _saveState = _draft == text ? SaveState.Saved : SaveState.Pending;
                await BrowserDrafts.ForgetIfSavedAsync(DraftKey, text);
            }
            else
            {
                _saveState = SaveState.Error;
                _saveError = error ?? "Not saved: this assignment is no longer available.";
            }
        }
        finally
        {
            _saveGate.Release();
        }
    }

    private async Task SubmitAsync()
    {
        if (!CanSubmitNow)
        {
            return;
        }

        _submitting = true;
        _submitError = null;
        _autosave?.Cancel();
        await SaveAsync();
        EssayVersionView? version = null;
        var text = _draft;
        _submitError = await ServiceErrors.TryAsync(async () => version = await Coach.SubmitAsync(_student, Assignment.Id, text, Writer.IsAvailable));
        if (_submitError is null && version is null)
        {
            _submitError = "This essay assignment is no longer available to you.";
        }

        await LoadAsync();
        _submitting = false;
        if (version is not null)
        {
            _selectedNumber = version.Number;
            _fixed.Clear();
            _fixShifts.Clear();
            Snackbar.Add(version.AiOverall is not { } overall ? $"Version {version.Number} submitted." : $"Version {version.Number} scored: {EssayLabels.Score(overall)} overall.", Severity.Success);
            if (version.FeedbackStatus == EssayFeedbackStatus.Pending)
            {
                _ = GenerateFeedbackAsync(version);
            }
        }
    }

    private void SelectVersion(int number) => _selectedNumber = number;

    private EssayVersionView? PreviousOf(EssayVersionView version) =>
        _essay?.Versions.Where(v => v.Number < version.Number).MaxBy(v => v.Number);

    private string? FeedbackOf(EssayVersionView version) =>
        _streamingVersionId == version.Id ? _stream?.ToString() : version.Feedback;

    private EssayFeedbackStatus StatusOf(EssayVersionView version) =>
        version.FeedbackStatus == EssayFeedbackStatus.Pending && !Writer.IsAvailable && _streamingVersionId != version.Id
            ? EssayFeedbackStatus.Unavailable
            : version.FeedbackStatus;

    private void RetryFeedback(EssayVersionView version) => _ = GenerateFeedbackAsync(version);

    /// <summary>Streams the large model's feedback into the page and saves it with the version when it is complete.</summary>
    private async Task GenerateFeedbackAsync(EssayVersionView version)
    {
        if (_streamingVersionId is not null || !Writer.IsAvailable)
        {
            return;
        }

        _feedbackCts?.Dispose();
        _feedbackCts = new CancellationTokenSource();
        var ct = _feedbackCts.Token;
        _streamingVersionId = version.Id;
        _stream = new StringBuilder();
        await InvokeAsync(StateHasChanged);
        EssayFeedbackStatus status;
        string? error = null;
        try
        {
            if (version.Scores is null)
            {
                throw new ChatModelException(ChatModelFailure.Unavailable, "the essay has no scores to explain.");
            }

            var sinceRender = Stopwatch.StartNew();
            await foreach (var piece in Writer.StreamAsync(new EssayFeedbackInput(version.Text, Assignment.Essay?.Prompt, version.Scores, version.Issues, version.Traits), ct))
            {
                _stream.Append(piece);
                if (sinceRender.ElapsedMilliseconds > 80)
                {
                    await InvokeAsync(StateHasChanged);
                    sinceRender.Restart();
                }
            }

            status = _stream.ToString().Trim().Length > 0 ? EssayFeedbackStatus.Ready : EssayFeedbackStatus.Failed;
            error = status == EssayFeedbackStatus.Failed ? "the large model returned an empty answer." : null;
        }
        catch (ChatModelException ex)
        {
            status = EssayFeedbackStatus.Failed;
            error = ex.Message;
        }
        catch (OperationCanceledException)
        {
            return; // the student left: the version stays Pending and is written on their next visit
        }
        catch (InvalidOperationException ex)
        {
            status = EssayFeedbackStatus.Unavailable;
            error = ex.Message;
        }

        try
        {
            await Coach.SaveFeedbackAsync(_student, version.Id, status, status == EssayFeedbackStatus.Ready ? _stream.ToString().Trim() : null, error,
                status == EssayFeedbackStatus.Ready ? Writer.PromptId : null, CancellationToken.None);
            await LoadAsync();
        }
        finally
        {
            _streamingVersionId = null;
            _stream = null;
            await InvokeAsync(StateHasChanged);
        }
    }

    /// <summary>Applies the first replacement to the draft where the marked words still stand; otherwise says so.</summary>
    private async Task FixAsync(EssayIssue issue)
    {
        var version = Latest;
        if (version is null || issue.Replacements.Count == 0 || issue.Start + issue.Length > version.Text.Length)
        {
            return;
        }

        var original = version.Text.Substring(issue.Start, issue.Length);
        var replacement = issue.Replacements[0];
        var at = issue.Start + _fixShifts.Where(f => f.Start < issue.Start).Sum(f => f.Delta);
        if (at < 0 || at + original.Length > _draft.Length || _draft.Substring(at, original.Length) != original)
        {
            var first = _draft.IndexOf(original, StringComparison.Ordinal);
            if (first < 0 || _draft.IndexOf(original, first + 1, StringComparison.Ordinal) >= 0)
            {
                _fixMessage = $"Your draft has changed around “{original}”, so fix it by hand: {issue.Message}";
                return;
            }

            at = first;
        }

        _draft = string.Concat(_draft.AsSpan(0, at), replacement, _draft.AsSpan(at + original.Length));
        _fixShifts.Add((issue.Start, replacement.Length - original.Length));
        _fixed.Add(issue);
        _fixMessage = null;
        await SaveAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _autosave?.Cancel();
        _feedbackCts?.Cancel();
        if (_draft != _savedText && _essay is { CanSubmit: true })
        {
            // The circuit is closing (page left, tab closed) with a pending autosave: save it now.
            try
            {
                await Coach.SaveDraftAsync(_student, Assignment.Id, _draft);
            }
            catch (Exception ex) when (ex is DomainRuleException or InvalidOperationException or OperationCanceledException)
            {
                // the browser's own copy still holds it
            }
        }

        _autosave?.Dispose();
        _feedbackCts?.Dispose();
        _saveGate.Dispose();
    }
}
