using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using TutorPlatform.Core.Assignments;

namespace TutorPlatform.Web.Components.Assignments;

public sealed partial class AssignmentEditor : IDisposable
{
    private EditContext _editContext = default!;
    private ValidationMessageStore _scheduleMessages = default!;
    private AssignmentInput? _editing;
    private DateTimeOffset? _dueWhenOpened;
    private PublishAction _pending = PublishAction.SaveDraft;
    private bool _attempted;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>The assignment being edited; the editor changes it in place, so nothing typed is lost when saving fails.</summary>
    [Parameter, EditorRequired] public required AssignmentInput Value { get; set; }

    /// <summary>Where the assignment stands; null for a new one (its kind can still be chosen).</summary>
    [Parameter] public AssignmentStatus? Status { get; set; }

    [Parameter] public EventCallback<AssignmentSaveRequest> OnSave { get; set; }

    /// <summary>The service's refusal of the last save, shown above the buttons.</summary>
    [Parameter] public string? ErrorMessage { get; set; }

    [Parameter] public bool Busy { get; set; }

    [Parameter] public string? CancelHref { get; set; }

    private bool KindLocked => Status is not null;

    // Until the circuit is up, typing would be lost and a click would do nothing.
    private bool Locked => Busy || !RendererInfo.IsInteractive;

    private bool IsDraft => Status is null or AssignmentStatus.Draft;

    private List<RubricTrait> Rubric => Value.EssayRubric ??= Rubrics.DefaultAnalytic();

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(Value, _editing))
        {
            if (_editing is not null)
            {
                _editContext.OnValidationStateChanged -= OnValidationStateChanged;
            }

            _editContext = new EditContext(Value);
            _editContext.OnValidationStateChanged += OnValidationStateChanged;
            _scheduleMessages = new ValidationMessageStore(_editContext);
            _editing = Value;
            _dueWhenOpened = Value.DueAt;
            _attempted = false;
            if (Value.Kind == AssignmentKind.Essay && Value.EssayRubric is not { Count: > 0 })
            {
                Value.EssayRubric = Rubrics.DefaultAnalytic();
            }

            EnsureGoalRow();
        }
    }

    public void Dispose() => _editContext.OnValidationStateChanged -= OnValidationStateChanged;

    /// <summary>The input as it will be sent for the pending action: publishing now ignores any schedule.</summary>
    private AssignmentInput PendingInput()
    {
        var copy = new AssignmentInput
        {
            Kind = Value.Kind,
            Title = Value.Title,
            Instructions = Value.Instructions,
            DueAt = Value.DueAt,
            PublishAt = _pending == PublishAction.PublishNow ? null : Value.PublishAt,
            EssayPrompt = Value.EssayPrompt,
            EssayGenre = Value.EssayGenre,
            EssayTargetWords = Value.EssayTargetWords,
            EssayRubric = Value.EssayRubric?.ToList(),
            SpeakingMode = Value.SpeakingMode,
            SpeakingPassage = Value.SpeakingPassage,
            SpeakingScenario = Value.SpeakingScenario,
            SpeakingGoals = Value.SpeakingGoals.ToList(),
        };
        return copy;
    }

    private async Task SaveAsync(PublishAction action)
    {
        _pending = action;
        _attempted = true;
        _scheduleMessages.Clear();
        _editContext.Validate();
        if (action == PublishAction.Schedule && PublishTiming.Check(Value.PublishAt, Value.DueAt, Clock.GetUtcNow()) is { } problem)
        {
            _scheduleMessages.Add(_editContext.Field(nameof(AssignmentInput.PublishAt)), problem);
            _editContext.NotifyValidationStateChanged();
        }

        // A due date typed in the past is almost always a slip (last year, the wrong month). One the assignment already
        // had stays allowed, so a teacher can still edit an assignment whose due date has gone by.
        if (Value.DueAt is { } due && due != _dueWhenOpened && due <= Clock.GetUtcNow())
        {
            _scheduleMessages.Add(_editContext.Field(nameof(AssignmentInput.DueAt)), PastDueMessage);
            _editContext.NotifyValidationStateChanged();
        }

        if (_editContext.GetValidationMessages().Any())
        {
            return;
        }

        await OnSave.InvokeAsync(new AssignmentSaveRequest(PendingInput(), action));
    }

    internal const string PastDueMessage = "This due date has already passed. Pick a later one, or leave it empty for no due date.";

    private string? Message(string field) => _editContext.GetValidationMessages(_editContext.Field(field)).FirstOrDefault();

    private void OnKindChanged(AssignmentKind kind)
    {
        Value.Kind = kind;
        if (kind == AssignmentKind.Essay && Value.EssayRubric is not { Count: > 0 })
        {
            Value.EssayRubric = Rubrics.DefaultAnalytic();
        }

        EnsureGoalRow();
        _editContext.NotifyFieldChanged(_editContext.Field(nameof(AssignmentInput.Kind)));
    }

    private void OnModeChanged(SpeakingMode mode)
    {
        Value.SpeakingMode = mode;
        EnsureGoalRow();
        _editContext.NotifyFieldChanged(_editContext.Field(nameof(AssignmentInput.SpeakingMode)));
    }

    private void OnDueChanged(DateTimeOffset? due)
    {
        Value.DueAt = due;
        _scheduleMessages.Clear(_editContext.Field(nameof(AssignmentInput.DueAt)));
        _editContext.NotifyFieldChanged(_editContext.Field(nameof(AssignmentInput.DueAt)));
    }

    private void OnPublishAtChanged(DateTimeOffset? publishAt)
    {
        Value.PublishAt = publishAt;
        _scheduleMessages.Clear();
        _editContext.NotifyFieldChanged(_editContext.Field(nameof(AssignmentInput.PublishAt)));
    }

    private void OnRubricChanged() => _editContext.NotifyFieldChanged(_editContext.Field(nameof(AssignmentInput.EssayRubric)));

    private void OnGoalsChanged() => _editContext.NotifyFieldChanged(_editContext.Field(nameof(AssignmentInput.SpeakingGoals)));

    /// <summary>A role-play starts with one empty goal line, so the teacher sees where goals go.</summary>
    private void EnsureGoalRow()
    {
        if (Value is { Kind: AssignmentKind.Speaking, SpeakingMode: SpeakingMode.RolePlay, SpeakingGoals.Count: 0 })
        {
            Value.SpeakingGoals.Add("");
        }
    }

    private void OnValidationStateChanged(object? sender, ValidationStateChangedEventArgs e) => _ = InvokeAsync(StateHasChanged);
}
