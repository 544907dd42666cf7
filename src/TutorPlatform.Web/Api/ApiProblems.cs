using Microsoft.AspNetCore.Http.HttpResults;

namespace TutorPlatform.Web.Api;

/// <summary>
/// The API's expected refusals as RFC 9457 problem details. A bare TypedResults.NotFound() would leave the body
/// empty; these always say what went wrong.
/// </summary>
internal static class ApiProblems
{
    /// <summary>The same answer for "does not exist" and "not yours", so ids of other schools' classes reveal nothing.</summary>
    public static ProblemHttpResult ClassNotFound() => NotFound("No class with this id is visible to you.");

    public static ProblemHttpResult AssignmentNotFound() => NotFound("No assignment with this id is visible to you in this class.");

    public static ProblemHttpResult StudentNotFound() => NotFound("No class of yours with this id has had this student.");

    public static ProblemHttpResult TeachersOnly(string what) => TypedResults.Problem(
        title: "Forbidden",
        detail: $"Only a class's teacher or an administrator may read {what}.",
        statusCode: StatusCodes.Status403Forbidden);

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
