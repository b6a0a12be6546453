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
        [Option(PersonalLanguage.Help, MaxLength = 35)] string? language = null,
        CancellationToken cancellationToken = default) =>
        PersonalLanguage.SetAsync(db, Context, language, clock, cancellationToken);

    [Command("privacy me", "See what the bot stores about you, and erase it", DescriptionEs = "Ver lo que el bot guarda sobre usted, y borrarlo")]
    public async Task<CommandResult> MeAsync(CancellationToken cancellationToken)
    {
        var items = await personalData.FindAsync(Context.User, Context.Culture, cancellationToken);
        var never = Context.T("coalition.privacy.never");
        if (items.Count == 0)
        {
            return new Reply
            {
                Title = Context.T("coalition.privacy.title"),
                Text = Context.T("coalition.privacy.nothing") + " " + never,
                Ephemeral = true,
            };
        }

        var fields = items.GroupBy(i => i.Category)
            .Select(g => new ReplyField(g.Key, string.Join('\n', g.Select(i => Context.T("coalition.privacy.item", new { item = new TrustedMarkup(i.Description), fate = new TrustedMarkup(Fate(i.OnErase)) })))))
            .ToList();
        var erasable = items.Any(i => i.OnErase != PersonalDataFate.Kept);
        return new Reply
        {
            Title = Context.T("coalition.privacy.title"),
            Fields = fields,
            Footer = never,
            Buttons = erasable ? [new ReplyButton("privacy.erase", Context.T("coalition.privacy.erase"), Style: ButtonStyle.Danger)] : [],
            Ephemeral = true,
        };
    }

    [Button("privacy.erase")]
    public CommandResult AskErase(string value) => CommandResult.Update(new Reply
    {
        Text = Context.T("coalition.privacy.ask"),
        Buttons =
        [
            new ReplyButton("privacy.erase-confirmed", Context.T("coalition.privacy.yes"), Style: ButtonStyle.Danger),
            new ReplyButton("privacy.keep", Context.T("coalition.cancel")),
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
            Text = Context.T("coalition.privacy.done", new { erased = result.Erased, anonymized = result.Anonymized }),
            Ephemeral = true,
        });
    }

    [Button("privacy.keep")]
    public CommandResult Keep(string value) =>
        CommandResult.Update(new Reply { Text = Context.T("coalition.privacy.cancelled"), Ephemeral = true });

    private string Fate(PersonalDataFate fate) => Context.T($"coalition.privacy.fate.{fate.ToString().ToLowerInvariant()}");
}
