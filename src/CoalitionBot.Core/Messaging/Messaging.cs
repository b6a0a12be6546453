using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Core.Messaging;

/// <summary>Where a message the bot posts on its own goes: a channel, or a person's direct messages.</summary>
public sealed record MessageTarget
{
    public ChannelRef? Channel { get; init; }

    public UserRef? DirectTo { get; init; }

    /// <summary>A key the platform may use to drop a repeated delivery of the same message (Discord's nonce); set by the outbox.</summary>
    public string? IdempotencyKey { get; init; }

    public static MessageTarget ToChannel(ChannelRef channel) => new() { Channel = channel };

    public static MessageTarget ToUser(UserRef user) => new() { DirectTo = user };

    public override string ToString() => Channel is not null ? $"#{Channel.Name ?? Channel.Id}" : $"DM {DirectTo?.Name}";
}

/// <summary>Sends messages the bot posts on its own (reminders, DMs, announcements) to one platform.</summary>
public interface IMessenger
{
    /// <summary>The platform this messenger delivers to.</summary>
    Platform Platform { get; }

    /// <summary>Posts the reply; a platform failure comes back as a failed <see cref="SendResult"/>, not an exception.</summary>
    Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken);
}

/// <summary>The outcome of a send: delivered, or failed with a reason and whether (and when) to try again.</summary>
public sealed record SendResult(bool Delivered, string? Error = null, bool Retryable = false, TimeSpan? RetryAfter = null)
{
    public static SendResult Ok { get; } = new(true);

    public static SendResult Failed(string error, bool retryable, TimeSpan? retryAfter = null) => new(false, error, retryable, retryAfter);
}

/// <summary>An adapter that reports whether it is running, for <c>GET /healthz</c>.</summary>
public interface IAdapterStatus
{
    string Name { get; }

    bool IsRunning { get; }

    /// <summary>Why the adapter is not running, if it stopped.</summary>
    string? Problem { get; }

    /// <summary>More for <c>/healthz</c> (e.g. every Discord shard's state), serialized as JSON; null when there is nothing more.</summary>
    object? Details => null;
}
