using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Coalition;

/// <summary><c>/coalition export</c> and <c>/coalition delete</c>: the coalition's whole data, out or gone.</summary>
/// <remarks>
/// Deleting takes three deliberate steps: <c>/coalition delete</c> explains and shows the phrase, <c>/coalition delete confirm:&lt;coalition id&gt;</c>
/// checks it and offers the button, and the button (valid for <see cref="ConfirmationWindow"/>) deletes. No state is kept between the steps.
/// </remarks>
public sealed class CoalitionDataCommands(TenantDataStore store, TimeProvider clock) : CommandModule
{
    /// <summary>How long the final "Delete everything" button works.</summary>
    public static readonly TimeSpan ConfirmationWindow = TimeSpan.FromMinutes(10);

    [Command("coalition export", "Everything the bot stores for this coalition, as one file", Role = Role.Admin)]
    public async Task<CommandResult> ExportAsync(CancellationToken cancellationToken)
    {
        var counts = await store.CountAsync(Context.Tenant, cancellationToken);
        var rows = counts.Sum(c => c.Rows);
        return new Reply
        {
            Title = Context.T("coalition.export.title"),
            Text = Context.T("coalition.export.text", new { rows, tables = counts.Count(c => c.Rows > 0) })
                + "\n" + Markup.Format($"`dotnet run --project src/CoalitionBot.Host -- export --tenant {Context.Tenant.Value} coalition-export.json`"),
            Bullets = counts.Where(c => c.Rows > 0).Select(c => Markup.Format($"{c.Name}: {c.Rows}")).ToList(),
            Footer = Context.T("coalition.export.footer"),
            Ephemeral = true,
        };
    }

    [Command("coalition delete", "Delete everything the bot stores for this coalition", Role = Role.Admin)]
    public async Task<CommandResult> DeleteAsync(
        [Option("The coalition id shown by /coalition delete", MaxLength = 120)] string? confirm = null,
        CancellationToken cancellationToken = default)
    {
        var phrase = $"/coalition delete confirm:{Context.Tenant.Value}";
        if (string.IsNullOrWhiteSpace(confirm))
        {
            var counts = await store.CountAsync(Context.Tenant, cancellationToken);
            return new Reply
            {
                Title = Context.T("coalition.delete.title"),
                Text = Context.T("coalition.delete.text", new { rows = counts.Sum(c => c.Rows), phrase }),
                Ephemeral = true,
            };
        }

        if (!string.Equals(confirm.Trim(), Context.Tenant.Value, StringComparison.Ordinal))
        {
            return CommandResult.Invalid(Context.T("coalition.delete.mismatch", new { phrase }));
        }

        var expires = clock.GetUtcNow().Add(ConfirmationWindow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Reply
        {
            Text = Context.T("coalition.delete.last-step", new { minutes = (int)ConfirmationWindow.TotalMinutes }),
            Buttons =
            [
                new ReplyButton("coalition.delete", Context.T("coalition.delete.button"), expires, ButtonStyle.Danger),
                new ReplyButton("coalition.keep", Context.T("coalition.cancel")),
            ],
            Ephemeral = true,
        };
    }

    [Button("coalition.delete", Role = Role.Admin)]
    public async Task<CommandResult> DeleteConfirmedAsync(string value, CancellationToken cancellationToken)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || clock.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return CommandResult.Update(new Reply
            {
                Text = Context.T("coalition.delete.expired"),
                Ephemeral = true,
            });
        }

        var counts = await store.DeleteAllAsync(Context.Tenant, cancellationToken);
        return CommandResult.Update(new Reply
        {
            Text = Context.T("coalition.delete.done", new { rows = counts.Sum(c => c.Rows), tables = counts.Count }),
            Ephemeral = true,
        });
    }

    [Button("coalition.keep", Role = Role.Admin)]
    public CommandResult Keep(string value) =>
        CommandResult.Update(new Reply { Text = Context.T("coalition.delete.cancelled"), Ephemeral = true });
}
