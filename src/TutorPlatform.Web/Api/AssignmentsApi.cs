using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.Web.Infrastructure;
using AssignmentModel = TutorPlatform.Core.Assignments.AssignmentDetails;

namespace TutorPlatform.Web.Api;

public static class AssignmentsApi
{
    public const int RubricNameMaxLength = 100;
    public const int RubricDescriptionMaxLength = 1000;
    public const int RubricMaxTraits = 20;

    public static IEndpointRouteBuilder MapAssignmentsApi(this IEndpointRouteBuilder v1)
    {
        var reads = v1.MapGroup("/classes/{classId:guid}/assignments").WithTags("Assignments").RequireAuthorization(Policies.Api);
        var writes = v1.MapGroup("/classes/{classId:guid}/assignments").WithTags("Assignments").RequireAuthorization(Policies.ApiKeyOnly);

        reads.MapGet("/", ListAssignments)
            .WithName(nameof(ListAssignments))
            .WithSummary("List a class's assignments")
            .WithDescription("Teachers and administrators see every assignment, drafts included, with its status. " +
                             "A signed-in student sees the published and closed ones, with where each stands for them.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/{assignmentId:guid}", GetAssignment)
            .WithName(nameof(GetAssignment))
            .WithSummary("Get one assignment")
            .WithDescription("The full assignment: instructions, schedule and the essay or speaking settings. " +
                             "A student gets 404 for drafts and for assignments scheduled for later.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPost("/", CreateAssignment)
            .WithName(nameof(CreateAssignment))
            .WithSummary("Create an assignment")
            .WithDescription("Creates an essay or speaking assignment in one of the key owner's active classes: a draft, " +
                             "or published at once with `publish: true` (students then see it from `publishAt`, or now).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public sealed record AssignmentSummary(
        Guid Id,
        Guid ClassId,
        AssignmentKind Kind,
        string Title,
        DateTimeOffset? DueAt,
        [property: Description("Where the assignment stands for the class. For teachers and administrators; null for students.")]
        AssignmentStatus? Status,
        [property: Description("Where the assignment stands for the signed-in student. For students; null for teachers.")]
        StudentAssignmentStatus? StudentStatus);

    public sealed record AssignmentDetails(
        Guid Id,
        Guid ClassId,
        string ClassName,
        AssignmentKind Kind,
        string Title,
        string? Instructions,
        AssignmentStatus Status,
        [property: Description("When students first see it; null means as soon as it is published.")] DateTimeOffset? PublishAt,
        DateTimeOffset? DueAt,
        DateTimeOffset? ClosedAt,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt,
        [property: Description("Set for essay assignments.")] EssayDetails? Essay,
        [property: Description("Set for speaking assignments.")] SpeakingDetails? Speaking);

    public sealed record EssayDetails(string Prompt, EssayGenre Genre, int TargetWords, IReadOnlyList<RubricTraitDetails> Rubric);

    public sealed record RubricTraitDetails(string Key, string Name, string Description, double Min, double Max);

    public sealed record SpeakingDetails(SpeakingMode Mode, string? Passage, string? Scenario, IReadOnlyList<string> Goals);

    public sealed record CreateAssignmentRequest(
        [property: Required, Description("Essay or Speaking; give the matching `essay` or `speaking` settings.")]
        AssignmentKind? Kind,
        [property: Required, StringLength(Assignment.TitleMaxLength, MinimumLength = 2)]
        string Title,
        [property: StringLength(Assignment.InstructionsMaxLength)]
        string? Instructions = null,
        [property: Description("When students first see it; empty means as soon as it is published.")]
        DateTimeOffset? PublishAt = null,
        [property: Description("Must come after publishAt.")]
        DateTimeOffset? DueAt = null,
        [property: Description("Publish now (true) or keep a draft that only teachers see (false, the default).")]
        bool Publish = false,
        EssayRequest? Essay = null,
        SpeakingRequest? Speaking = null) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Kind == AssignmentKind.Essay && Essay is null)
            {
                yield return new ValidationResult("An essay assignment needs its essay settings (at least a prompt).", [nameof(Essay)]);
            }

            if (Kind == AssignmentKind.Speaking && Speaking is null)
            {
                yield return new ValidationResult("A speaking assignment needs its speaking settings.", [nameof(Speaking)]);
            }

            if (DueAt is { } due && PublishAt is { } publish && due <= publish)
            {
                yield return new ValidationResult("The due date must come after the date students first see it.", [nameof(DueAt)]);
            }
        }
    }

    public sealed record EssayRequest(
        [property: Required, StringLength(EssaySettings.PromptMaxLength)]
        string Prompt,
        EssayGenre Genre = EssayGenre.Argumentative,
        [property: Range(50, 3000)]
        int TargetWords = 350,
        [property: MaxLength(RubricMaxTraits), Description("Empty means the default six analytic traits scored 1 to 5.")]
        IReadOnlyList<RubricTraitRequest>? Rubric = null);

    public sealed record RubricTraitRequest(
        [property: Required, StringLength(RubricNameMaxLength)]
        string Name,
        [property: StringLength(RubricDescriptionMaxLength)]
        string? Description = null,
        double Min = 1,
        double Max = 5) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Max <= Min)
            {
                yield return new ValidationResult("A rubric trait's maximum must be above its minimum.", [nameof(Max)]);
            }
        }
    }

    public sealed record SpeakingRequest(
        SpeakingMode Mode = SpeakingMode.ReadAloud,
        [property: StringLength(SpeakingSettings.PassageMaxLength), Description("The text to read (up to 1000 characters: a take lasts at most a minute); required for ReadAloud.")]
        string? Passage = null,
        [property: StringLength(SpeakingSettings.TextMaxLength), Description("The situation to act out; required for RolePlay.")]
        string? Scenario = null,
        [property: Description("What the student should achieve in a RolePlay; at least one.")]
        IReadOnlyList<string>? Goals = null) : IValidatableObject
    {
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Mode == SpeakingMode.ReadAloud && string.IsNullOrWhiteSpace(Passage))
            {
                yield return new ValidationResult("A read-aloud assignment needs a passage to read.", [nameof(Passage)]);
            }

            if (Mode == SpeakingMode.RolePlay && string.IsNullOrWhiteSpace(Scenario))
            {
                yield return new ValidationResult("A role-play needs a scenario.", [nameof(Scenario)]);
            }

            if (Mode == SpeakingMode.RolePlay && (Goals is null || !Goals.Any(g => !string.IsNullOrWhiteSpace(g))))
            {
                yield return new ValidationResult("A role-play needs at least one goal.", [nameof(Goals)]);
            }
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<AssignmentSummary>>, ProblemHttpResult>> ListAssignments(
        [Description("The class's id.")] Guid classId,
        ClaimsPrincipal user,
        ClassService classes,
        AssignmentService assignments,
        CancellationToken ct)
    {
        var actor = user.ToActor();
        if (user.IsTeacher())
        {
            var all = await assignments.ListForClassAsync(actor, classId, ct);
            return all is null
                ? ApiProblems.ClassNotFound()
                : TypedResults.Ok<IReadOnlyList<AssignmentSummary>>(all.Select(a => new AssignmentSummary(a.Id, a.ClassId, a.Kind, a.Title, a.DueAt, a.Status, null)).ToList());
        }

        // The student's list is filtered by membership already; asking for the class first tells "not yours" from "nothing yet".
        if (await classes.GetForStudentAsync(actor, classId, ct) is null)
        {
            return ApiProblems.ClassNotFound();
        }

        var visible = await assignments.ListForStudentAsync(actor, classId, ct);
        return TypedResults.Ok<IReadOnlyList<AssignmentSummary>>(visible.Select(a => new AssignmentSummary(a.Id, a.ClassId, a.Kind, a.Title, a.DueAt, null, a.Status)).ToList());
    }

    private static async Task<Results<Ok<AssignmentDetails>, ProblemHttpResult>> GetAssignment(
        [Description("The class's id.")] Guid classId,
        [Description("The assignment's id.")] Guid assignmentId,
        ClaimsPrincipal user,
        AssignmentService assignments,
        CancellationToken ct)
    {
        var actor = user.ToActor();
        var found = user.IsTeacher()
            ? await assignments.GetForTeacherAsync(actor, assignmentId, ct)
            : await assignments.GetForStudentAsync(actor, assignmentId, ct);
        return found is null || found.ClassId != classId ? ApiProblems.AssignmentNotFound() : TypedResults.Ok(ToDetails(found));
    }

    private static async Task<Results<Created<AssignmentDetails>, ProblemHttpResult>> CreateAssignment(
        [Description("The class's id.")] Guid classId,
        CreateAssignmentRequest request,
        ClaimsPrincipal user,
        AssignmentService assignments,
        CancellationToken ct)
    {
        var created = await assignments.CreateAsync(user.ToActor(), classId, ToInput(request), request.Publish, ct);
        return created is null
            ? ApiProblems.ClassNotFound()
            : TypedResults.Created($"{ApiSetup.Prefix}/classes/{classId}/assignments/{created.Id}", ToDetails(created));
    }

    private static AssignmentInput ToInput(CreateAssignmentRequest request) => new()
    {
        Kind = request.Kind ?? AssignmentKind.Essay,
        Title = request.Title,
        Instructions = request.Instructions,
        PublishAt = request.PublishAt,
        DueAt = request.DueAt,
        EssayPrompt = request.Essay?.Prompt,
        EssayGenre = request.Essay?.Genre ?? EssayGenre.Argumentative,
        EssayTargetWords = request.Essay?.TargetWords ?? 350,
        EssayRubric = request.Essay?.Rubric?
            .Select(t => new RubricTrait { Name = t.Name, Description = t.Description ?? "", Min = t.Min, Max = t.Max })
            .ToList(),
        SpeakingMode = request.Speaking?.Mode ?? SpeakingMode.ReadAloud,
        SpeakingPassage = request.Speaking?.Passage,
        SpeakingScenario = request.Speaking?.Scenario,
        SpeakingGoals = request.Speaking?.Goals?.ToList() ?? [],
    };

    private static AssignmentDetails ToDetails(AssignmentModel a) => new(
        a.Id, a.ClassId, a.ClassName, a.Kind, a.Title, a.Instructions, a.Status, a.PublishAt, a.DueAt, a.ClosedAt, a.CreatedAt, a.UpdatedAt,
        a.Essay is { } e
            ? new EssayDetails(e.Prompt, e.Genre, e.TargetWords, e.Rubric.Select(t => new RubricTraitDetails(t.Key, t.Name, t.Description, t.Min, t.Max)).ToList())
            : null,
        a.Speaking is { } s ? new SpeakingDetails(s.Mode, s.Passage, s.Scenario, s.Goals.ToList()) : null);
}
