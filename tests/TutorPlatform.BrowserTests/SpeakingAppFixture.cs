using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.Core.Common;

namespace TutorPlatform.BrowserTests;

/// <summary>
/// The speaking coach on the real runtimes: ffmpeg, pocketsphinx, the trained pronunciation scorer, and the large model
/// on the llamacpp provider over the tiny stories260K; chromium with a fake microphone that plays an LJSpeech clip.
/// A teacher's class with a read-aloud assignment (the clip's own words) and a role-play, and a student in it.
/// </summary>
public sealed class SpeakingAppFixture : AppServerFixture
{
    public const string Password = "Speaking-2026";
    public const string StudentEmail = "speaker.student@browser.example";
    public const string TeacherEmail = "speaker.teacher@browser.example";

    /// <summary>LJ001-0004 (5.1 s), read by the fake microphone in a loop.</summary>
    public const string Passage = "Produced the block books, which were the immediate predecessors of the true printed book.";

    public static string MicrophoneClip { get; } = Path.Combine(SharedDirectory, "data", "asr", "ljspeech", "wav", "LJ001-0004.wav");

    public Guid ReadAloudAssignment { get; private set; }

    public Guid RolePlayAssignment { get; private set; }

    /// <summary>The same passage again, for the test that looks at a student's takes on a phone (its takes are its own).</summary>
    public Guid PhoneReadAloudAssignment { get; private set; }

    /// <summary>A second role-play, which the teacher-review test fills through the services (its conversation is its own).</summary>
    public Guid ReviewedRolePlayAssignment { get; private set; }

    public const string ReviewedScenario = "You are at a railway station. You ask the clerk for a return ticket to the coast.";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Models:Chat:Provider"] = "llamacpp",
        ["Models:Chat:LlamaCpp:ModelPath"] = Path.Combine(SharedDirectory, "models", "stories260K.gguf"),
        // One thread: the toy model needs no more, and ggml threads spin-wait badly on a busy 2-core CI machine.
        ["Models:Chat:LlamaCpp:Threads"] = "1",
        // stories260K writes stories, not JSON: its grammar checks and goal judgements are given a few seconds, then skipped.
        ["Speaking:FeedbackSeconds"] = "4",
    };

    protected override IReadOnlyList<string> BrowserArgs { get; } =
    [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        $"--use-file-for-fake-audio-capture={MicrophoneClip}",
        "--autoplay-policy=no-user-gesture-required",
    ];

    protected override async Task OnStartedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var teacher = await CreateUserAsync(users, TeacherEmail, "Ms. Rivera", Roles.Teacher);
        var student = await CreateUserAsync(users, StudentEmail, "Amira Haddad", Roles.Student);
        var classes = scope.ServiceProvider.GetRequiredService<ClassService>();
        var assignments = scope.ServiceProvider.GetRequiredService<AssignmentService>();
        var schoolClass = await classes.CreateAsync(new Actor(teacher), new ClassInput("Year 9 English"));
        await classes.JoinAsync(new Actor(student), schoolClass.JoinCode);
        ReadAloudAssignment = (await assignments.CreateAsync(new Actor(teacher), schoolClass.Id, new AssignmentInput
        {
            Kind = AssignmentKind.Speaking,
            Title = "Read aloud: the first printed books",
            Instructions = "Read the sentence clearly, at a comfortable pace.",
            SpeakingMode = SpeakingMode.ReadAloud,
            SpeakingPassage = Passage,
        }, publish: true))!.Id;
        PhoneReadAloudAssignment = (await assignments.CreateAsync(new Actor(teacher), schoolClass.Id, new AssignmentInput
        {
            Kind = AssignmentKind.Speaking,
            Title = "Read aloud again: on the bus",
            SpeakingMode = SpeakingMode.ReadAloud,
            SpeakingPassage = Passage,
        }, publish: true))!.Id;
        ReviewedRolePlayAssignment = (await assignments.CreateAsync(new Actor(teacher), schoolClass.Id, new AssignmentInput
        {
            Kind = AssignmentKind.Speaking,
            Title = "Role-play: at the station",
            SpeakingMode = SpeakingMode.RolePlay,
            SpeakingScenario = ReviewedScenario,
            SpeakingGoals = ["Ask for a return ticket", "Ask when the next train leaves"],
        }, publish: true))!.Id;
        RolePlayAssignment = (await assignments.CreateAsync(new Actor(teacher), schoolClass.Id, new AssignmentInput
        {
            Kind = AssignmentKind.Speaking,
            Title = "Role-play: at the bakery",
            SpeakingMode = SpeakingMode.RolePlay,
            SpeakingScenario = "You are buying bread and a cake at a small bakery. The baker serves you.",
            SpeakingGoals = ["Greet the baker", "Ask for a loaf of bread", "Ask how much it costs"],
        }, publish: true))!.Id;
    }

    private static async Task<Guid> CreateUserAsync(UserManager<AppUser> users, string email, string name, string role)
    {
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = DateTimeOffset.UtcNow };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return user.Id;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
