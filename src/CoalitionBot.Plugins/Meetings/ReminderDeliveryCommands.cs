using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;

namespace CoalitionBot.Plugins.Meetings;

/// <summary><c>/meeting reminders failed</c> and its Retry buttons: the reminders and messages the outbox could not deliver.</summary>
public sealed class ReminderDeliveryCommands(Outbox outbox, TimeProvider clock) : CommandModule
{
    private const string RetryAction = "meeting.retry";

    [Command("meeting reminders failed", "Reminders and messages that could not be delivered", Role = Role.Admin)]
    public async Task<CommandResult> FailedAsync(CancellationToken cancellationToken = default)
    {
        var failed = await outbox.FailedAsync(10, cancellationToken);
        if (failed.Count == 0)
        {
            return CommandResult.Ok(new Reply { Text = Context.T("meetings.failed.none"), Ephemeral = true });
        }

        var reader = Context.ReaderAt(clock.GetUtcNow());
        return CommandResult.Ok(new Reply
        {
            Title = Context.T("meetings.failed.title"),
            Bullets = failed.Select(f => Context.T(f.LastError is null ? "meetings.failed.item-unknown" : "meetings.failed.item", new
            {
                id = f.Id,
                source = f.Source,
                target = f.ChannelName ?? f.ChannelId ?? f.UserName ?? f.UserId,
                due = reader.Date(f.DueAt, DateStyle.DayTime),
                zone = Context.TimeZone.Id,
                attempts = f.Attempts,
                error = f.LastError is null ? default : new TrustedMarkup(StoredText.In(f.LastError, Context.Strings)),
            })).ToList(),
            Footer = Context.T("meetings.failed.footer"),
            Buttons = failed.Take(5).Select(f => new ReplyButton(RetryAction, Context.T("meetings.failed.retry", new { id = f.Id }), f.Id.ToString(CultureInfo.InvariantCulture))).ToList(),
            Ephemeral = true,
        });
    }


    [Button(RetryAction, Role = Role.Admin)]
    public async Task<CommandResult> RetryAsync(string value, CancellationToken cancellationToken = default)
    {
        var ok = long.TryParse(value, CultureInfo.InvariantCulture, out var id) && await outbox.RetryAsync(id, cancellationToken);
        return ok
            ? CommandResult.Ok(new Reply { Text = Context.T("meetings.failed.queued", new { id }), Ephemeral = true })
            : CommandResult.Invalid(Context.T("meetings.failed.gone"));
    }

}
