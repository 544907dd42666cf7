using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.Core.Submissions;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Web.Api;

/// <summary>The people in a class and their work: for the class's teacher and administrators, never for students.</summary>
public static class StudentsApi
{
    public static IEndpointRouteBuilder MapStudentsApi(this IEndpointRouteBuilder v1)
    {
        var reads = v1.MapGroup("/classes/{classId:guid}/students").WithTags("Students").RequireAuthorization(Policies.Api);

        reads.MapGet("/", GetRoster)
            .WithName(nameof(GetRoster))
            .WithSummary("Get a class's roster")
            .WithDescription("The active members of the class, by name. Teachers and administrators only: students get 403.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/{studentId:guid}/submissions", ListStudentSubmissions)
            .WithName(nameof(ListStudentSubmissions))
            .WithSummary("List a student's submissions in a class")
            .WithDescription("The student's work on this class's assignments, newest first; also for students removed from the class since. " +
                             "Teachers and administrators only: students get 403.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public sealed record RosterStudent(Guid StudentId, string DisplayName, string Email, DateTimeOffset JoinedAt);

    public sealed record StudentSubmission(
        Guid Id,
        Guid AssignmentId,
        string AssignmentTitle,
        AssignmentKind Kind,
        SubmissionStatus Status,
        DateTimeOffset CreatedAt,
        DateTimeOffset? SubmittedAt);

    private static async Task<Results<Ok<IReadOnlyList<RosterStudent>>, ProblemHttpResult>> GetRoster(
        [Description("The class's id.")] Guid classId,
        ClaimsPrincipal user,
        ClassService classes,
        CancellationToken ct)
    {
        if (!user.IsTeacher())
        {
            return ApiProblems.TeachersOnly("a roster");
        }

        var roster = await classes.GetRosterAsync(user.ToActor(), classId, ct);
        return roster is null
            ? ApiProblems.ClassNotFound()
            : TypedResults.Ok<IReadOnlyList<RosterStudent>>(roster.Select(r => new RosterStudent(r.StudentId, r.DisplayName, r.Email, r.JoinedAt)).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<StudentSubmission>>, ProblemHttpResult>> ListStudentSubmissions(
        [Description("The class's id.")] Guid classId,
        [Description("The student's id, as in the roster.")] Guid studentId,
        ClaimsPrincipal user,
        SubmissionService submissions,
        CancellationToken ct)
    {
        if (!user.IsTeacher())
        {
            return ApiProblems.TeachersOnly("a student's submissions");
        }

        var list = await submissions.ListForStudentInClassAsync(user.ToActor(), classId, studentId, ct);
        return list is null
            ? ApiProblems.StudentNotFound()
            : TypedResults.Ok<IReadOnlyList<StudentSubmission>>(list
                .Select(s => new StudentSubmission(s.Id, s.AssignmentId, s.AssignmentTitle, s.Kind, s.Status, s.CreatedAt, s.SubmittedAt))
                .ToList());
    }
}
