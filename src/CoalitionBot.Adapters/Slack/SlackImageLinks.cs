using System.Security.Cryptography;
using CoalitionBot.Core.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Adapters.Slack;

/// <summary>
/// Images of private (ephemeral) Slack answers, which cannot carry a file: each is kept briefly under an unguessable
/// token and served at <c>GET /images/{token}.png</c> on the bot's public address, for the answer's <c>image</c> block.
/// </summary>
/// <remarks>Held in memory, bounded in count and time: a link works for <see cref="Lifetime"/> on the instance that made it.</remarks>
public sealed class SlackImageLinks(TimeProvider clock)
{
    /// <summary>How long a link works: long enough for Slack to fetch and cache the image.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The most images kept at once (the oldest go first).</summary>
    public const int Capacity = 500;

    private readonly BoundedCache<string, ReplyAttachment> _images = new(Capacity, Lifetime, clock);

    /// <summary>Keeps the image and returns its path, <c>images/{token}.png</c> (relative, to join to the public address).</summary>
    public string Add(ReplyAttachment image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _images.Set(token, image);
        return $"images/{token}.png";
    }

    /// <summary>The image behind a token, while its link lives.</summary>
    public bool TryGet(string token, out ReplyAttachment image) => _images.TryGet(token, out image!);
}

/// <summary>Maps <c>GET /images/{token}.png</c>.</summary>
public static class SlackImageEndpoints
{
    /// <summary>Serves the images of private Slack answers when Slack is configured (nothing otherwise).</summary>
    public static IEndpointRouteBuilder MapSlackImages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<SlackImageLinks>() is null)
        {
            return endpoints;
        }

        endpoints.MapGet("/images/{file}", (string file, SlackImageLinks links) =>
            file.EndsWith(".png", StringComparison.Ordinal) && file.Length is > 4 and <= 100 && links.TryGet(file[..^4], out var image)
                ? Results.File(image.Content, ReplyAttachment.ContentType)
                : Results.NotFound());
        return endpoints;
    }
}
