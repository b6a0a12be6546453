using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Plugins.Meetings;

/// <summary><c>/meeting feed</c>: the coalition's secret calendar link, for people's calendar apps.</summary>
public sealed class CalendarLinkCommands(MeetingsDbContext db, TimeProvider clock, IOptions<BotOptions> bot) : CommandModule
{
    [Command("meeting feed", "A calendar link with all meetings, for your calendar app")]
    public async Task<CommandResult> FeedAsync(
        [Option("reset makes a new link and stops the old one (leads)", Choices = ["reset"])] string? action = null,
        CancellationToken cancellationToken = default)
    {
        var token = await db.FeedTokens.FirstOrDefaultAsync(cancellationToken);
        if (action == "reset")
        {
            if (Context.Role < Role.Lead)
            {
                return CommandResult.Forbidden(Context.T("meetings.feed.reset-forbidden"));
            }

            if (token is not null)
            {
                db.FeedTokens.Remove(token);
                await db.SaveChangesAsync(cancellationToken);
                token = null;
            }
        }

        if (token is null)
        {
            token = new MeetingFeedToken { Token = MeetingFeed.NewToken(), CreatedBy = Context.User.Name, CreatedAt = clock.GetUtcNow() };
            db.FeedTokens.Add(token);
            await db.SaveChangesAsync(cancellationToken);
        }

        var path = $"/feeds/meetings/{token.Token}.ics";
        var link = bot.Value.PublicBaseUrl is { } baseUrl ? new Uri(baseUrl, path).ToString() : path;
        return CommandResult.Ok(new Reply
        {
            Title = Context.T("meetings.feed.title"),
            Text = Context.T("meetings.feed.link", new { link }),
            Footer = bot.Value.PublicBaseUrl is null ? Context.T("meetings.feed.no-base-url") : null,
            Ephemeral = true,
        });
    }

}
