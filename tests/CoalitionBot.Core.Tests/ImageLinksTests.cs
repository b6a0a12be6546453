using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Pictures;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Tests;

/// <summary>Images behind expiring links, in the database: served while they live, bounded in size, purged after.</summary>
public sealed class ImageLinksTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private ImageLinks Links => _bot.Services.GetRequiredService<ImageLinks>();

    private static ReplyAttachment Image(int bytes) => new(Enumerable.Range(0, bytes).Select(i => (byte)i).ToArray(), "map.png", "A map", "en");

    [Fact]
    public async Task AddAsync_ThenGet_ServesTheBytesUntilTheLinkExpires()
    {
        var image = Image(5000);

        var token = await Links.AddAsync(image, CancellationToken.None);

        token.Should().MatchRegex("^[A-Za-z0-9_-]{43}$");
        (await Links.GetAsync(token, CancellationToken.None)).Should().Equal(image.Content);
        _bot.Clock.Advance(ImageLinks.Lifetime);
        (await Links.GetAsync(token, CancellationToken.None)).Should().BeNull("the link lives one hour");
    }

    [Fact]
    public async Task AddAsync_StoresOnlyAHashOfTheToken()
    {
        var token = await Links.AddAsync(Image(10), CancellationToken.None);

        await using var scope = _bot.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().ImageLinks.SingleAsync();
        row.Key.Should().NotContain(token!).And.HaveLength(64);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ImageLinks.MaxBytes + 1)]
    public async Task AddAsync_EmptyOrTooLarge_MakesNoLinkAndStoresNothing(int bytes)
    {
        (await Links.AddAsync(Image(bytes), CancellationToken.None)).Should().BeNull();

        await using var scope = _bot.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().ImageLinks.CountAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("../../../../etc/passwd/AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task GetAsync_UnknownOrMalformedToken_Null(string? token) =>
        (await Links.GetAsync(token, CancellationToken.None)).Should().BeNull();

    [Fact]
    public async Task DeleteExpiredAsync_RemovesOnlyExpiredRows()
    {
        await Links.AddAsync(Image(10), CancellationToken.None);
        _bot.Clock.Advance(TimeSpan.FromMinutes(40));
        var young = await Links.AddAsync(Image(20), CancellationToken.None);
        _bot.Clock.Advance(TimeSpan.FromMinutes(30));

        (await Links.DeleteExpiredAsync(CancellationToken.None)).Should().Be(1);

        (await Links.GetAsync(young, CancellationToken.None)).Should().HaveCount(20);
        await using var scope = _bot.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().ImageLinks.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task AddAsync_AtCapacity_MakesNoLinkUntilSomeExpire()
    {
        await using (var scope = _bot.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
            var now = _bot.Clock.GetUtcNow();
            db.ImageLinks.AddRange(Enumerable.Range(0, ImageLinks.Capacity).Select(i => new ImageLinkRecord
            {
                Key = i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture),
                Content = [1],
                ContentType = "image/png",
                CreatedAt = now,
                ExpiresAt = now + ImageLinks.Lifetime,
            }));
            await db.SaveChangesAsync();
        }

        (await Links.AddAsync(Image(10), CancellationToken.None)).Should().BeNull("too many links are live");
        _bot.Clock.Advance(ImageLinks.Lifetime);
        (await Links.AddAsync(Image(10), CancellationToken.None)).Should().NotBeNull();
    }
}
