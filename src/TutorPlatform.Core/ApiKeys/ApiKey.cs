using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TutorPlatform.Core.Accounts;

namespace TutorPlatform.Core.ApiKeys;

public sealed class ApiKey
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OwnerId { get; set; }
    public AppUser? Owner { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The public part of the key, shown in lists so a user can tell keys apart.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>SHA-256 of the whole key; the key itself is shown once and never stored.</summary>
    public byte[] Hash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength);
        key.Property(k => k.Prefix).HasMaxLength(ApiKeyFormat.PrefixLength);
        key.HasIndex(k => k.Prefix).IsUnique();
        key.HasIndex(k => k.OwnerId);
        key.HasOne(k => k.Owner).WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
