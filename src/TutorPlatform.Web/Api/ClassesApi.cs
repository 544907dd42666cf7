using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TutorPlatform.Core.Classes;
using TutorPlatform.Web.Infrastructure;
using ClassModel = TutorPlatform.Core.Classes.ClassSummary;

namespace TutorPlatform.Web.Api;

public static class ClassesApi
{
    public static IEndpointRouteBuilder MapClassesApi(this IEndpointRouteBuilder v1)
    {
        // Two groups on one prefix: combining Policies.Api with Policies.ApiKeyOnly on one endpoint would merge their
        // schemes and let a browser cookie write. Every endpoint sits in exactly one of them.
        var reads = v1.MapGroup("/classes").WithTags("Classes").RequireAuthorization(Policies.Api);
        var writes = v1.MapGroup("/classes").WithTags("Classes").RequireAuthorization(Policies.ApiKeyOnly);

        reads.MapGet("/", ListClasses)
            .WithName(nameof(ListClasses))
            .WithSummary("List your classes")
            .WithDescription("A teacher's key lists the classes they teach, an administrator's key every class in the school, " +
                             "a signed-in student the classes they are a member of. Sorted by name.");
        reads.MapGet("/{classId:guid}", GetClass)
            .WithName(nameof(GetClass))
            .WithSummary("Get one class")
            .WithDescription("404 for a class that does not exist and for one that is not yours alike.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapPost("/", CreateClass)
            .WithName(nameof(CreateClass))
            .WithSummary("Create a class")
            .WithDescription("Creates a class taught by the key's owner, with a fresh join code for students. " +
                             "409 when the owner already has an active class of that name.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return v1;
    }

    public sealed record ClassSummary(
        Guid Id,
        string Name,
        string? Description,
        [property: Description("The code students type to join (8 characters, often written ABCD-EFGH). Only the class's teacher and administrators see it; null for students.")]
        string? JoinCode,
        Guid TeacherId,
        string TeacherName,
        [property: Description("Active members.")] int StudentCount,
        int AssignmentCount,
        DateTimeOffset CreatedAt,
        bool IsArchived,
        [property: Description("True for the labelled demo school seeded on first run.")] bool IsDemo);

    public sealed record CreateClassRequest(
        [property: Required, StringLength(SchoolClass.NameMaxLength, MinimumLength = 2), Description("Unique among the owner's active classes.")]
        string Name,
        [property: StringLength(SchoolClass.DescriptionMaxLength)]
        string? Description = null);

    private static async Task<Ok<IReadOnlyList<ClassSummary>>> ListClasses(
        ClaimsPrincipal user,
        ClassService classes,
        CancellationToken ct,
        [Description("Teachers: include archived classes.")] bool includeArchived = false)
    {
        var actor = user.ToActor();
        var teacher = user.IsTeacher();
        var list = teacher
            ? await classes.ListForTeacherAsync(actor, includeArchived, ct)
            : await classes.ListForStudentAsync(actor, ct);
        return TypedResults.Ok<IReadOnlyList<ClassSummary>>(list.Select(c => ToSummary(c, teacher)).ToList());
    }

    private static async Task<Results<Ok<ClassSummary>, ProblemHttpResult>> GetClass(
        [Description("The class's id.")] Guid classId,
        ClaimsPrincipal user,
        ClassService classes,
        CancellationToken ct)
    {
        var teacher = user.IsTeacher();
        var found = teacher
            ? await classes.GetAsync(user.ToActor(), classId, ct)
            : await classes.GetForStudentAsync(user.ToActor(), classId, ct);
        return found is null ? ApiProblems.ClassNotFound() : TypedResults.Ok(ToSummary(found, teacher));
    }

    private static async Task<Created<ClassSummary>> CreateClass(
        CreateClassRequest request,
        ClaimsPrincipal user,
        ClassService classes,
        CancellationToken ct)
    {
        // A duplicate name throws ConflictException, which ProblemDetailsExceptionHandler turns into 409.
        var created = await classes.CreateAsync(user.ToActor(), new ClassInput(request.Name, request.Description), ct);
        return TypedResults.Created($"{ApiSetup.Prefix}/classes/{created.Id}", ToSummary(created, includeJoinCode: true));
    }

    private static ClassSummary ToSummary(ClassModel c, bool includeJoinCode) => new(
        c.Id, c.Name, c.Description, includeJoinCode ? c.JoinCode : null, c.TeacherId, c.TeacherName,
        c.StudentCount, c.AssignmentCount, c.CreatedAt, c.IsArchived, c.IsDemo);
}
