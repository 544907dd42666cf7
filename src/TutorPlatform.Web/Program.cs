using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using TutorPlatform.Core;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Ai;
using TutorPlatform.Core.Data;
using TutorPlatform.Core.Demo;
using TutorPlatform.Core.Essays;
using TutorPlatform.Essays;
using TutorPlatform.Speech;
using TutorPlatform.Web.Api;
using TutorPlatform.Web.Components;
using TutorPlatform.Web.Components.Account;
using TutorPlatform.Web.Infrastructure;
using TutorPlatform.Web.Infrastructure.Jobs;

var builder = WebApplication.CreateBuilder(args);

if (!builder.Environment.IsDevelopment())
{
    builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = true);
}

var connectionString = builder.Configuration.GetConnectionString(DatabaseSetup.ConnectionStringName);
if (string.IsNullOrWhiteSpace(connectionString))
{
    throw new InvalidOperationException(
        $"Set ConnectionStrings:{DatabaseSetup.ConnectionStringName} (for example the environment variable ConnectionStrings__TutorDb). " +
        "scripts/run.sh sets it for the project-local PostgreSQL.");
}

builder.Services.AddDbContextFactory<TutorDbContext>(o => o.UseTutorDatabase(connectionString));
builder.Services.AddTutorCore();
// Keys in PostgreSQL: sign-ins survive restarts, and more web processes over the same database share them.
builder.Services.AddDataProtection().SetApplicationName("TutorPlatform").PersistKeysToDbContext<TutorDbContext>();
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
builder.Services.AddOptions<WebSecurityOptions>().BindConfiguration(WebSecurityOptions.Section);
builder.Services.AddScoped<DemoSchoolSeeder>();

var accountOptions = builder.Configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
var requireHttps = builder.Configuration.GetValue($"{WebSecurityOptions.Section}:RequireHttps", !builder.Environment.IsDevelopment());

// Accounts: Identity on PostgreSQL, cookie sign-in for people, API keys for programs.
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<IdentityRedirectManager>();
builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = IdentityConstants.ApplicationScheme;
        // The rate limiter runs before authorization and partitions /api by key, so the middleware must read keys too.
        o.DefaultAuthenticateScheme = ApiKeyAuthenticationHandler.SelectorSchemeName;
        o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddIdentityCookies();
builder.Services.AddAuthentication()
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
    .AddPolicyScheme(ApiKeyAuthenticationHandler.SelectorSchemeName, null, o => o.ForwardDefaultSelector = ApiKeyAuthenticationHandler.SelectScheme);
builder.Services.AddIdentityCore<AppUser>(o =>
    {
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false; // no mail server on a single school machine
        o.Password.RequiredLength = 8;
        o.Password.RequireDigit = true;
        o.Password.RequireLowercase = true;
        o.Password.RequireUppercase = true;
        o.Password.RequireNonAlphanumeric = false;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = accountOptions.MaxFailedSignIns;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accountOptions.LockoutMinutes);
    })
    .AddRoles<AppRole>()
    .AddErrorDescriber<TutorIdentityErrors>()
    .AddClaimsPrincipalFactory<TutorClaimsPrincipalFactory>()
    .AddEntityFrameworkStores<TutorDbContext>()
    .AddSignInManager()
    .AddDefaultTokenProviders();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Account/Login";
    o.LogoutPath = "/Account/Logout";
    o.AccessDeniedPath = "/Account/AccessDenied";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    o.SlidingExpiration = true;
    // The API answers with status codes, never with a redirect to the sign-in page.
    o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
});
builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.Teacher, p => p.RequireRole(Policies.TeacherRoles))
    .AddPolicy(Policies.Student, p => p.RequireRole(Roles.Student))
    .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
    .AddPolicy(Policies.Api, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName, IdentityConstants.ApplicationScheme).RequireAuthenticatedUser())
    .AddPolicy(Policies.ApiKeyOnly, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(Policies.TeacherRoles));

// Errors: ProblemDetails everywhere, expected refusals mapped by one handler.
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddValidation();

builder.Services.AddTutorApi(builder.Configuration);

// The large model (Models:Chat: openai, llamacpp or none), validated on start.
builder.Services.AddTutorChat(builder.Configuration);
// On-device essay models: the trained trait scorer and the spelling/grammar checks (no large model needed).
builder.Services.AddTutorEssays(builder.Configuration);
// The essay coach's flows over those models: drafts, versions, the teacher's queue, API assessments and their feedback job.
builder.Services.AddEssayCoach();
// On-device speech (Speech section): pocketsphinx and ffmpeg are probed and loaded on first use, so the app starts
// without them; /health/ready and the admin Models page say whether they are there.
builder.Services.AddTutorSpeechRuntimes(builder.Configuration);
// Durable background jobs (Jobs section): Hangfire on this database, a worker server in this process; /admin/jobs for admins.
builder.Services.AddTutorJobs(builder.Configuration, connectionString);

// OpenTelemetry traces and metrics over OTLP, only when Telemetry:OtlpEndpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) is set.
builder.Services.AddTutorTelemetry(builder.Configuration);

builder.Services.AddHealthChecks()
    .AddDbContextCheck<TutorDbContext>("database", tags: ["ready"])
    .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"])
    .AddCheck<ChatModelHealthCheck>("chat-model", tags: ["ready"])
    .AddCheck<SpeechRuntimeHealthCheck>("speech", tags: ["ready"]);

builder.Services.Configure<ForwardedHeadersOptions>(o =>
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// Messages at the bottom: at the top right they cover the app bar's sign-out button.
builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);
builder.Services.AddScoped<BrowserInterop>();
builder.Services.AddScoped<TutorPlatform.Web.Components.Essays.EssayDraftStore>();
builder.Services.AddScoped<TutorPlatform.Web.Components.Speaking.SpeakingInterop>();

var app = builder.Build();

await DatabaseStartup.RunAsync(app);

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
else
{
    app.UseExceptionHandler();
}

if (requireHttps)
{
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
// Inside the page above: the API answers its empty error responses (unknown route, 405, 415, a cookie challenge) with
// ProblemDetails, and a response with a body is never re-executed as the HTML not-found page.
app.UseWhen(IsApiRequest, api => api.UseStatusCodePages());
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponses.WriteJsonAsync });
app.MapTutorApi();
app.MapSpeakingAudio();
app.MapTutorJobsDashboard();
SpeakingRetentionJob.Schedule(app.Services);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();

app.Run();

static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
{
    if (IsApiRequest(ctx.HttpContext))
    {
        // The API-key handler may already have written a ProblemDetails body for the same challenge.
        if (!ctx.Response.HasStarted)
        {
            ctx.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }

    ctx.Response.Redirect(ctx.RedirectUri);
    return Task.CompletedTask;
}

/// <summary>Exposed for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
