using System.Security.Cryptography;
using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Pictures;

/// <summary>
/// Images kept briefly behind unguessable links (for answers that cannot carry a file, like Slack's private answers), in the
/// database, so whichever instance behind the load balancer receives the GET serves it.
/// </summary>
/// <remarks>
/// Only a hash of each token is stored: reading the table does not give working links. Each image is bounded in size,
/// the live links in number, and expired rows are deleted by the cluster cleanup (<see cref="DeleteExpiredAsync"/>).
/// </remarks>
public sealed class ImageLinks(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>How long a link works: long enough for the platform to fetch and cache the image.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The largest image kept (the bot's pictures are under 300 KB).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The most live links at once; beyond it no link is made (the caller delivers the image another way).</summary>
    public const int Capacity = 1000;

    /// <summary>Length of a token: 32 random bytes in unpadded base64url.</summary>
    public const int TokenLength = 43;

    /// <summary>Keeps the image and returns its token, or null when it is too large or too many links are live.</summary>
    public async Task<string?> AddAsync(ReplyAttachment image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Content.Length is 0 or > MaxBytes)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
        if (await db.ImageLinks.CountAsync(l => l.ExpiresAt > now, cancellationToken) >= Capacity)
        {
            return null;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.ImageLinks.Add(new ImageLinkRecord { Key = KeyOf(token), Content = image.Content, ContentType = ReplyAttachment.ContentType, CreatedAt = now, ExpiresAt = now + Lifetime });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The image bytes behind a token while its link lives; null for an unknown, malformed or expired token.</summary>
    public async Task<byte[]?> GetAsync(string? token, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(token))
        {
            return null;
        }

        var key = KeyOf(token!);
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
        return await db.ImageLinks.AsNoTracking().Where(l => l.Key == key && l.ExpiresAt > now).Select(l => l.Content).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Deletes the images whose links expired; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().ImageLinks.Where(l => l.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string KeyOf(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));
}

/// <summary>One image behind a link (<see cref="ImageLinks"/>): short-lived, kept by the hash of its token.</summary>
/// <remarks>A cluster record: it lives at most an hour and is deleted by the cleanup, so privacy export and deletion pass it by.</remarks>
public sealed class ImageLinkRecord : IClusterRecord
{
    /// <summary>SHA-256 of the token, in hex.</summary>
    public string Key { get; set; } = string.Empty;

    public byte[] Content { get; set; } = [];

    public string ContentType { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this instant the link no longer works and the row is deleted.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class ImageLinkRecordConfiguration : IEntityTypeConfiguration<ImageLinkRecord>
{
    public void Configure(EntityTypeBuilder<ImageLinkRecord> builder)
    {
        builder.ToTable("ImageLinks");
        builder.HasKey(l => l.Key);
        builder.Property(l => l.Key).HasMaxLength(64);
        builder.Property(l => l.Content).IsRequired();
        builder.Property(l => l.ContentType).HasMaxLength(100).IsRequired();
        builder.HasIndex(l => l.ExpiresAt);
    }
}
