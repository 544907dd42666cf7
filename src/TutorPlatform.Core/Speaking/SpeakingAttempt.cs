using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Core.Speaking;

/// <summary>
/// One spoken take: a read-aloud attempt at a passage (an assignment's or a built-in drill's), or one spoken turn of a
/// role-play. It belongs to the student: deleting their account deletes it. Its audio lives in
/// <see cref="SpeakingAudio"/>, so lists never load it and retention can drop it while the scores stay.
/// </summary>
public sealed class SpeakingAttempt
{
    public const int TextMaxLength = 4000;
    public const int CommentMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid StudentId { get; set; }
    public AppUser? Student { get; set; }

    /// <summary>The assignment it was done for; null for a built-in practice drill.</summary>
    public Guid? AssignmentId { get; set; }
    public Assignment? Assignment { get; set; }

    /// <summary>The built-in drill's key (see <see cref="StarterDrills"/>); null for assignment work.</summary>
    public string? DrillKey { get; set; }

    /// <summary>The role-play conversation a spoken turn belongs to; null for read-aloud.</summary>
    public Guid? ConversationId { get; set; }
    public RolePlayConversation? Conversation { get; set; }

    public SpeakingMode Mode { get; set; }

    /// <summary>The passage read (read-aloud) or what the recogniser heard (a role-play turn).</summary>
    public string ReferenceText { get; set; } = "";
    public string RecognizedText { get; set; } = "";
    public double AudioSeconds { get; set; }

    public double? Accuracy { get; set; }
    public double? Fluency { get; set; }
    public double? Completeness { get; set; }
    public double? Prosody { get; set; }
    public double? Total { get; set; }

    /// <summary>The full <see cref="PronunciationAssessment"/> as JSON (words and phones); null where none was made.</summary>
    public string? AssessmentJson { get; set; }

    /// <summary>A role-play turn's <see cref="TurnFeedback"/> as JSON.</summary>
    public string? FeedbackJson { get; set; }
    public string? ModelVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the student handed this take in as their work for the assignment.</summary>
    public DateTimeOffset? HandedInAt { get; set; }

    /// <summary>The teacher's score 0–100 in place of the model's overall score.</summary>
    public double? TeacherScore { get; set; }
    public string? TeacherComment { get; set; }
    public Guid? ReviewedById { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    public int AudioBytes { get; set; }

    /// <summary>When retention removed the audio (the scores stay).</summary>
    public DateTimeOffset? AudioDeletedAt { get; set; }

    public SpeakingAudio? Audio { get; set; }

    /// <summary>
    /// A new take of <paramref name="audio"/> (kept as WAV) with the assessment's scores, or none where no assessment
    /// was made; the caller sets what the take was for and its texts.
    /// </summary>
    public static SpeakingAttempt Take(Guid studentId, SpeakingMode mode, PcmAudio audio, PronunciationAssessment? assessment, DateTimeOffset createdAt)
    {
        var wav = AudioFormats.ToWav(audio);
        return new SpeakingAttempt
        {
            StudentId = studentId,
            Mode = mode,
            AudioSeconds = Math.Round(audio.DurationSeconds, 2),
            Accuracy = assessment?.Accuracy,
            Fluency = assessment?.Fluency,
            Completeness = assessment?.Completeness,
            Prosody = assessment?.Prosody,
            Total = assessment?.Total,
            AssessmentJson = assessment is null ? null : SpeakingJson.Write(assessment),
            ModelVersion = assessment?.ModelVersion,
            CreatedAt = createdAt,
            AudioBytes = wav.Length,
            Audio = new SpeakingAudio { Wav = wav },
        };
    }
}

/// <summary>A take's audio as 16 kHz mono 16-bit WAV, stored in the database beside the attempt.</summary>
public sealed class SpeakingAudio
{
    public Guid AttemptId { get; set; }
    public byte[] Wav { get; set; } = [];
}

/// <summary>A role-play conversation: its transcript and, once ended, its summary.</summary>
public sealed class RolePlayConversation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid StudentId { get; set; }
    public AppUser? Student { get; set; }
    public Guid AssignmentId { get; set; }
    public Assignment? Assignment { get; set; }

    /// <summary>The turns as JSON (<see cref="RolePlayTurn"/> list).</summary>
    public string TranscriptJson { get; set; } = "[]";

    /// <summary>The end summary as JSON (<see cref="RolePlaySummary"/>); null while the conversation runs.</summary>
    public string? SummaryJson { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public DateTimeOffset? HandedInAt { get; set; }
}

internal sealed class SpeakingAttemptConfiguration : IEntityTypeConfiguration<SpeakingAttempt>
{
    public void Configure(EntityTypeBuilder<SpeakingAttempt> attempt)
    {
        attempt.Property(a => a.Mode).HasConversion<string>().HasMaxLength(20);
        attempt.Property(a => a.DrillKey).HasMaxLength(50);
        attempt.Property(a => a.ReferenceText).HasMaxLength(SpeakingAttempt.TextMaxLength);
        attempt.Property(a => a.RecognizedText).HasMaxLength(SpeakingAttempt.TextMaxLength);
        attempt.Property(a => a.AssessmentJson).HasColumnType("jsonb");
        attempt.Property(a => a.FeedbackJson).HasColumnType("jsonb");
        attempt.Property(a => a.ModelVersion).HasMaxLength(100);
        attempt.Property(a => a.TeacherComment).HasMaxLength(SpeakingAttempt.CommentMaxLength);
        attempt.HasIndex(a => new { a.StudentId, a.CreatedAt });
        attempt.HasIndex(a => new { a.AssignmentId, a.StudentId });
        attempt.HasIndex(a => a.CreatedAt).HasFilter("audio_deleted_at IS NULL");
        attempt.HasOne(a => a.Student).WithMany().HasForeignKey(a => a.StudentId).OnDelete(DeleteBehavior.Cascade);
        attempt.HasOne(a => a.Assignment).WithMany().HasForeignKey(a => a.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        attempt.HasOne(a => a.Conversation).WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        attempt.HasOne(a => a.Audio).WithOne().HasForeignKey<SpeakingAudio>(a => a.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SpeakingAudioConfiguration : IEntityTypeConfiguration<SpeakingAudio>
{
    public void Configure(EntityTypeBuilder<SpeakingAudio> audio) => audio.HasKey(a => a.AttemptId);
}

internal sealed class RolePlayConversationConfiguration : IEntityTypeConfiguration<RolePlayConversation>
{
    public void Configure(EntityTypeBuilder<RolePlayConversation> conversation)
    {
        conversation.Property(c => c.TranscriptJson).HasColumnType("jsonb");
        conversation.Property(c => c.SummaryJson).HasColumnType("jsonb");
        conversation.HasIndex(c => new { c.AssignmentId, c.StudentId });
        conversation.HasOne(c => c.Student).WithMany().HasForeignKey(c => c.StudentId).OnDelete(DeleteBehavior.Cascade);
        conversation.HasOne(c => c.Assignment).WithMany().HasForeignKey(c => c.AssignmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
