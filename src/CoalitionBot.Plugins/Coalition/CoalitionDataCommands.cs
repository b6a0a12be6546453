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

    [Command("coalition export", "Everything the bot stores for this coalition, as one file", Role = Role.Admin,
        DescriptionEs = "Todo lo que el bot guarda de esta coalición, en un archivo")]
    public async Task<CommandResult> ExportAsync(CancellationToken cancellationToken)
    {
        var counts = await store.CountAsync(Context.Tenant, cancellationToken);
        var rows = counts.Sum(c => c.Rows);
        return new Reply
        {
            Title = Context.Say("Export this coalition's data", "Exportar los datos de la coalición"),
            Text = Context.Say(
                Markup.Format($"The bot holds {rows} row(s) for this coalition, in {counts.Count(c => c.Rows > 0)} table(s). Chat apps can't receive the file yet, so whoever runs the bot makes it on the server with:"),
                Markup.Format($"El bot guarda {rows} fila(s) de esta coalición, en {counts.Count(c => c.Rows > 0)} tabla(s). Las apps de chat aún no reciben el archivo; quien administra el bot lo genera en el servidor con:"))
                + "\n" + Markup.Format($"`dotnet run --project src/CoalitionBot.Host -- export --tenant {Context.Tenant.Value} coalition-export.json`"),
            Bullets = counts.Where(c => c.Rows > 0).Select(c => Markup.Format($"{c.Name}: {c.Rows}")).ToList(),
            Footer = Context.Say("The file is JSON, one list per table, written to data/exports/ (which git ignores: it holds names and contacts). It holds no immigration status: the bot never stores it.",
                "El archivo es JSON, una lista por tabla, y se guarda en data/exports/ (que git ignora: contiene nombres y contactos). No contiene estatus migratorio: el bot nunca lo guarda."),
            Ephemeral = true,
        };
    }

    [Command("coalition delete", "Delete everything the bot stores for this coalition", Role = Role.Admin,
        DescriptionEs = "Borrar todo lo que el bot guarda de esta coalición")]
    public async Task<CommandResult> DeleteAsync(
        [Option("The coalition id shown by /coalition delete", MaxLength = 120, DescriptionEs = "El identificador que muestra /coalition delete")] string? confirm = null,
        CancellationToken cancellationToken = default)
    {
        var phrase = $"/coalition delete confirm:{Context.Tenant.Value}";
        if (string.IsNullOrWhiteSpace(confirm))
        {
            var counts = await store.CountAsync(Context.Tenant, cancellationToken);
            return new Reply
            {
                Title = Context.Say("Delete this coalition's data?", "¿Borrar los datos de esta coalición?"),
                Text = Context.Say(
                    Markup.Format($"This permanently deletes everything the bot stores for this coalition ({counts.Sum(c => c.Rows)} row(s)): settings, leads, the audit log and every plugin's data. It cannot be undone. Want a copy first? `/coalition export`.\nTo go on, type exactly: `{phrase}`"),
                    Markup.Format($"Esto borra para siempre todo lo que el bot guarda de esta coalición ({counts.Sum(c => c.Rows)} fila(s)): configuración, coordinadores, el registro de cambios y los datos de cada plugin. No se puede deshacer. ¿Quiere una copia antes? `/coalition export`.\nPara seguir, escriba exactamente: `{phrase}`")),
                Ephemeral = true,
            };
        }

        if (!string.Equals(confirm.Trim(), Context.Tenant.Value, StringComparison.Ordinal))
        {
            return CommandResult.Invalid(Context.Say(
                Markup.Format($"That confirmation doesn't match this coalition. Type exactly `{phrase}`. Nothing was deleted."),
                Markup.Format($"Esa confirmación no coincide con esta coalición. Escriba exactamente `{phrase}`. No se borró nada.")));
        }

        var expires = clock.GetUtcNow().Add(ConfirmationWindow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Reply
        {
            Text = Context.Say(
                $"Last step: press **Delete everything** within {ConfirmationWindow.TotalMinutes:0} minutes. Nothing is deleted until you do.",
                $"Último paso: pulse **Borrar todo** en los próximos {ConfirmationWindow.TotalMinutes:0} minutos. No se borra nada hasta entonces."),
            Buttons =
            [
                new ReplyButton("coalition.delete", Context.Say("Delete everything", "Borrar todo"), expires, ButtonStyle.Danger),
                new ReplyButton("coalition.keep", Context.Say("Cancel", "Cancelar")),
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
                Text = Context.Say("This button expired. Nothing was deleted; start again with `/coalition delete`.",
                    "Este botón venció. No se borró nada; empiece otra vez con `/coalition delete`."),
                Ephemeral = true,
            });
        }

        var counts = await store.DeleteAllAsync(Context.Tenant, cancellationToken);
        return CommandResult.Update(new Reply
        {
            Text = Context.Say(
                $"Deleted {counts.Sum(c => c.Rows)} row(s) from {counts.Count} table(s). The bot holds nothing of this coalition now; settings are back to their defaults.",
                $"Se borraron {counts.Sum(c => c.Rows)} fila(s) de {counts.Count} tabla(s). El bot ya no guarda nada de esta coalición; la configuración volvió a los valores predeterminados."),
            Ephemeral = true,
        });
    }

    [Button("coalition.keep", Role = Role.Admin)]
    public CommandResult Keep(string value) =>
        CommandResult.Update(new Reply { Text = Context.Say("Cancelled. Nothing was deleted.", "Cancelado. No se borró nada."), Ephemeral = true });
}
