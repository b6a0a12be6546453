using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;

namespace CoalitionBot.Plugins.Meetings;

/// <summary><c>/meeting reminders failed</c> and its Retry buttons: the reminders and messages the outbox could not deliver.</summary>
public sealed class ReminderDeliveryCommands(Outbox outbox) : CommandModule
{
    private const string RetryAction = "meeting.retry";

    [Command("meeting reminders failed", "Reminders and messages that could not be delivered", Role = Role.Admin, DescriptionEs = "Recordatorios y mensajes que no se pudieron enviar")]
    public async Task<CommandResult> FailedAsync(CancellationToken cancellationToken = default)
    {
        var failed = await outbox.FailedAsync(10, cancellationToken);
        if (failed.Count == 0)
        {
            return CommandResult.Ok(new Reply { Text = Say("Nothing failed: every reminder went out.", "Nada falló: todos los recordatorios salieron."), Ephemeral = true });
        }

        return CommandResult.Ok(new Reply
        {
            Title = Say("Messages that could not be delivered", "Mensajes que no se pudieron enviar"),
            Bullets = failed.Select(f => Markup.Format($"`{f.Id}` {f.Source} → {(f.ChannelName ?? f.ChannelId ?? f.UserName ?? f.UserId)}: due {TimeZoneInfo.ConvertTime(f.DueAt, Context.TimeZone):yyyy-MM-dd HH:mm} ({Context.TimeZone.Id}), {f.Attempts} attempt(s): {f.LastError ?? "unknown error"}")).ToList(),
            Footer = Say("Fix the cause (channel access, tokens), then retry.", "Corrija la causa (acceso al canal, tokens) y vuelva a intentar."),
            Buttons = failed.Take(5).Select(f => new ReplyButton(RetryAction, Say($"Retry {f.Id}", $"Reintentar {f.Id}"), f.Id.ToString(CultureInfo.InvariantCulture))).ToList(),
            Ephemeral = true,
        });
    }


    [Button(RetryAction, Role = Role.Admin)]
    public async Task<CommandResult> RetryAsync(string value, CancellationToken cancellationToken = default)
    {
        var ok = long.TryParse(value, CultureInfo.InvariantCulture, out var id) && await outbox.RetryAsync(id, cancellationToken);
        return ok
            ? CommandResult.Ok(new Reply { Text = Say($"Message {id} is queued again.", $"El mensaje {id} está en cola de nuevo."), Ephemeral = true })
            : CommandResult.Invalid(Say("That message is no longer in the failed list.", "Ese mensaje ya no está en la lista de fallidos."));
    }


    private string Say(string english, string spanish) => Context.Say(english, spanish);
}
