using CoalitionBot.Core.Pictures;
using CoalitionBot.Core.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Adapters.Slack;

/// <summary>
/// Images of private (ephemeral) Slack answers, which cannot carry a file: each is kept briefly under an unguessable
/// token (<see cref="ImageLinks"/>, in the database) and served at <c>GET /images/{token}.png</c> on the bot's public
/// address, for the answer's <c>image</c> block. Any instance sharing the database serves any link.
/// </summary>
public sealed class SlackImageLinks(ImageLinks links)
{
    /// <summary>How long a link works: long enough for Slack to fetch and cache the image.</summary>
    public static TimeSpan Lifetime => ImageLinks.Lifetime;

    /// <summary>Keeps the image and returns its path, <c>images/{token}.png</c> (relative, to join to the public address), or null when no link can be made.</summary>
    public async Task<string?> AddAsync(ReplyAttachment image, CancellationToken cancellationToken) =>
        await links.AddAsync(image, cancellationToken) is { } token ? $"images/{token}.png" : null;

    /// <summary>The image behind a file name <c>{token}.png</c>, while its link lives.</summary>
    public Task<byte[]?> GetAsync(string file, CancellationToken cancellationToken) =>
        file.EndsWith(".png", StringComparison.Ordinal) ? links.GetAsync(file[..^4], cancellationToken) : Task.FromResult<byte[]?>(null);
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

        endpoints.MapGet("/images/{file}", async (string file, SlackImageLinks links, CancellationToken cancellationToken) =>
            await links.GetAsync(file, cancellationToken) is { } image
                ? Results.File(image, ReplyAttachment.ContentType)
                : Results.NotFound());
        return endpoints;
    }
}
