namespace CoalitionBot.Core.Messaging;

/// <summary>A document the host serves at an unguessable URL (<c>GET /feeds/{name}/{token}</c>), such as a coalition's meeting calendar.</summary>
public interface IPublicFeed
{
    /// <summary>The URL segment naming the feed (<c>meetings</c>).</summary>
    string Name { get; }

    /// <summary>The document for a token, or null when no coalition has that token (the host answers 404).</summary>
    Task<FeedDocument?> FindAsync(string token, CancellationToken cancellationToken);
}

/// <summary>What a feed serves.</summary>
public sealed record FeedDocument(string ContentType, string Body);
