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
    [Command("meeting feed", "A calendar link with all meetings, for your calendar app", DescriptionEs = "Un enlace de calendario con todas las reuniones, para su aplicación de calendario")]
    public async Task<CommandResult> FeedAsync(
        [Option("reset makes a new link and stops the old one (leads)", Choices = ["reset"], DescriptionEs = "reset crea un enlace nuevo y anula el anterior (coordinadores)")] string? action = null,
        CancellationToken cancellationToken = default)
    {
        var token = await db.FeedTokens.FirstOrDefaultAsync(cancellationToken);
        if (action == "reset")
        {
            if (Context.Role < Role.Lead)
            {
                return CommandResult.Forbidden(Say("Only leads can reset the calendar link.", "Solo los coordinadores pueden renovar el enlace del calendario."));
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
            Title = Say("Meetings calendar", "Calendario de reuniones"),
            Text = Say(
                Markup.Format($"Subscribe in your calendar app (Google, Outlook, Apple) with this link:\n`{link}`\nKeep it inside the coalition: anyone with it sees the meetings. A lead can make a new one with `/meeting feed reset`."),
                Markup.Format($"Suscríbase en su aplicación de calendario (Google, Outlook, Apple) con este enlace:\n`{link}`\nNo lo comparta fuera de la coalición: quien lo tenga ve las reuniones. Un coordinador puede crear otro con `/meeting feed reset`.")),
            Footer = bot.Value.PublicBaseUrl is null
                ? Say("The bot's public address (CoalitionBot:PublicBaseUrl) is not set, so only the path is shown.", "La dirección pública del bot (CoalitionBot:PublicBaseUrl) no está configurada; solo se muestra la ruta.")
                : null,
            Ephemeral = true,
        });
    }


    private string Say(string english, string spanish) => Context.Say(english, spanish);
}
