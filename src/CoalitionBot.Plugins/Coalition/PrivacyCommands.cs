using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Coalition;

/// <summary><c>/privacy me</c>: what the bot holds about the caller, and erasing it.</summary>
/// <remarks>Buttons always act on the person who presses them, never on an id carried in the button.</remarks>
public sealed class PrivacyCommands(PersonalDataService personalData, AuditLog audit, CoalitionBotDbContext db, TimeProvider clock) : CommandModule
{
    [Command("coalition me language", "Your own language for every answer and direct message", DescriptionEs = "Su propio idioma para todas las respuestas y mensajes directos")]
    public Task<CommandResult> LanguageAsync(
        [Option(PersonalLanguage.Help, Choices = ["en", "es", "auto"], DescriptionEs = PersonalLanguage.HelpEs)] string? language = null,
        CancellationToken cancellationToken = default) =>
        PersonalLanguage.SetAsync(db, Context, language, clock, cancellationToken);

    [Command("privacy me", "See what the bot stores about you, and erase it", DescriptionEs = "Ver lo que el bot guarda sobre usted, y borrarlo")]
    public async Task<CommandResult> MeAsync(CancellationToken cancellationToken)
    {
        var items = await personalData.FindAsync(Context.User, Context.Culture, cancellationToken);
        var never = Context.Say(
            "The bot never asks for or stores immigration status, nationality or documents, and doesn't keep the text of your commands.",
            "El bot nunca pide ni guarda estatus migratorio, nacionalidad ni documentos, y no conserva el texto de sus comandos.");
        if (items.Count == 0)
        {
            return new Reply
            {
                Title = Context.Say("What the bot holds about you", "Lo que el bot guarda sobre usted"),
                Text = Context.Say("Nothing in this coalition. ", "Nada en esta coalición. ") + never,
                Ephemeral = true,
            };
        }

        var fields = items.GroupBy(i => i.Category)
            .Select(g => new ReplyField(g.Key, string.Join('\n', g.Select(i => $"{i.Description} ({Markup.Escape(Fate(i.OnErase))})"))))
            .ToList();
        var erasable = items.Any(i => i.OnErase != PersonalDataFate.Kept);
        return new Reply
        {
            Title = Context.Say("What the bot holds about you", "Lo que el bot guarda sobre usted"),
            Fields = fields,
            Footer = never,
            Buttons = erasable ? [new ReplyButton("privacy.erase", Context.Say("Erase my data", "Borrar mis datos"), Style: ButtonStyle.Danger)] : [],
            Ephemeral = true,
        };
    }

    [Button("privacy.erase")]
    public CommandResult AskErase(string value) => CommandResult.Update(new Reply
    {
        Text = Context.Say(
            "Erase now? Your preferences (and RSVPs) are deleted; changes you made stay in the coalition's history without your name. Tasks and lead roles stay with the coalition.",
            "¿Borrar ahora? Se eliminan sus preferencias (y confirmaciones de asistencia); los cambios que hizo quedan en el historial sin su nombre. Las tareas y roles de coordinador quedan con la coalición."),
        Buttons =
        [
            new ReplyButton("privacy.erase-confirmed", Context.Say("Yes, erase", "Sí, borrar"), Style: ButtonStyle.Danger),
            new ReplyButton("privacy.keep", Context.Say("Cancel", "Cancelar")),
        ],
        Ephemeral = true,
    });

    [Button("privacy.erase-confirmed")]
    public async Task<CommandResult> EraseAsync(string value, CancellationToken cancellationToken)
    {
        var result = await personalData.EraseAsync(Context.User, cancellationToken);
        audit.Record(null, "personal-data.erase");
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Update(new Reply
        {
            Text = Context.Say(
                $"Done: {result.Erased} item(s) erased, {result.Anonymized} history entry(ies) no longer show your name.",
                $"Listo: {result.Erased} dato(s) borrado(s), {result.Anonymized} registro(s) del historial ya no muestran su nombre."),
            Ephemeral = true,
        });
    }

    [Button("privacy.keep")]
    public CommandResult Keep(string value) =>
        CommandResult.Update(new Reply { Text = Context.Say("Cancelled. Nothing was erased.", "Cancelado. No se borró nada."), Ephemeral = true });

    private string Fate(PersonalDataFate fate) => fate switch
    {
        PersonalDataFate.Erased => Context.Say("erased on request", "se borra si lo pide"),
        PersonalDataFate.Anonymized => Context.Say("kept without your name on request", "se conserva sin su nombre si lo pide"),
        _ => Context.Say("kept", "se conserva"),
    };
}
