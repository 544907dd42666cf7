using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Ai;
using TutorPlatform.Core.ApiKeys;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.Core.Essays;
using TutorPlatform.Core.Speaking;
using TutorPlatform.Core.Submissions;

namespace TutorPlatform.Core.Data;

public sealed class TutorDbContext(DbContextOptions<TutorDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Cookie and antiforgery keys, shared by every web process that points at this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SchoolClass> Classes => Set<SchoolClass>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<EssayVersion> EssayVersions => Set<EssayVersion>();
    public DbSet<EssayAssessment> EssayAssessments => Set<EssayAssessment>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AiCallRecord> AiCallRecords => Set<AiCallRecord>();
    public DbSet<SpeakingAttempt> SpeakingAttempts => Set<SpeakingAttempt>();
    public DbSet<SpeakingAudio> SpeakingAudio => Set<SpeakingAudio>();
    public DbSet<RolePlayConversation> RolePlayConversations => Set<RolePlayConversation>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TutorDbContext).Assembly);
    }
}
