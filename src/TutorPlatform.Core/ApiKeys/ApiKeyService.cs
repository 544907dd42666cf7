using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Common;
using TutorPlatform.Core.Data;

namespace TutorPlatform.Core.ApiKeys;

public sealed record ApiKeyInput(
    [property: Required(ErrorMessage = "Name the key after the app that will use it."), StringLength(ApiKey.NameMaxLength, MinimumLength = 2, ErrorMessage = "The name must be 2 to 100 characters.")] string Name);

public sealed record ApiKeySummary(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;

    /// <summary>What a user sees of a stored key: enough to recognise it, never enough to use it.</summary>
    public string Display => $"{ApiKeyFormat.Marker}{Prefix}_…";
}

/// <summary>A key shown to its owner exactly once, at creation.</summary>
public sealed record CreatedApiKey(ApiKeySummary Summary, string Key);

/// <summary>Who a valid key acts for.</summary>
public sealed record ApiKeyOwner(Guid KeyId, Guid OwnerId, string OwnerName, bool IsAdmin);

public sealed class ApiKeyService(IDbContextFactory<TutorDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxActiveKeysPerOwner = 20;

    public async Task<CreatedApiKey> CreateAsync(Actor owner, ApiKeyInput input, CancellationToken ct = default)
    {
        Validation.Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ApiKeys.CountAsync(k => k.OwnerId == owner.UserId && k.RevokedAt == null, ct) >= MaxActiveKeysPerOwner)
        {
            throw new DomainRuleException($"You have {MaxActiveKeysPerOwner} active keys already; revoke one you no longer use first.");
        }

        var (key, prefix) = ApiKeyFormat.Create();
        var entity = new ApiKey
        {
            OwnerId = owner.UserId,
            Name = input.Name.Trim(),
            Prefix = prefix,
            Hash = ApiKeyFormat.Hash(key),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(ToSummary(entity), key);
    }

    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(Actor owner, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.Where(k => k.OwnerId == owner.UserId)
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(ct);
    }

    public async Task<bool> RevokeAsync(Actor owner, Guid keyId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && (owner.IsAdmin || k.OwnerId == owner.UserId), ct);
        if (key is null)
        {
            return false;
        }

        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The owner of an active key, or null for a malformed, unknown or revoked one. Records when the key was last used.</summary>
    public async Task<ApiKeyOwner?> ValidateAsync(string? presentedKey, CancellationToken ct = default)
    {
        if (!ApiKeyFormat.TryParsePrefix(presentedKey, out var prefix))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.Include(k => k.Owner).FirstOrDefaultAsync(k => k.Prefix == prefix, ct);
        if (key is null || key.RevokedAt is not null || !CryptographicOperations.FixedTimeEquals(key.Hash, ApiKeyFormat.Hash(presentedKey!)))
        {
            return null;
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == key.OwnerId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(ct);
        if (!roles.Contains(Roles.Teacher) && !roles.Contains(Roles.Admin))
        {
            return null; // a key outlives its owner's teacher role only as a dead key
        }

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            // Coarse on purpose: one write a minute per key, not one per request.
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }

        return new ApiKeyOwner(key.Id, key.OwnerId, key.Owner!.DisplayName, roles.Contains(Roles.Admin));
    }

    private static ApiKeySummary ToSummary(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt);
}
