using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Shared;

/// <summary>
/// A person's own language: every answer, direct message and talking point the bot gives them, ahead of their platform's
/// language and the coalition's. <c>/coalition me language</c> sets it; <c>/tp lang</c> is the same setting.
/// </summary>
internal static class PersonalLanguage
{
    /// <summary>The option's description (English, the source); its translations are the catalogs' entries for each command that
    /// uses it (<c>coalition.command.coalition.me.language.option.language</c>, <c>tp.command.tp.lang.option.language</c>).</summary>
    public const string Help = "A language code (en, es, or an added one like ht), or auto for the default again";

    /// <summary>Shows the caller's language (no <paramref name="language"/>) or sets it (any loaded language, or <c>auto</c>).</summary>
    public static async Task<CommandResult> SetAsync(CoalitionBotDbContext db, CommandContext context, string? language, TimeProvider clock, CancellationToken cancellationToken)
    {
        var preference = await db.UserPreferences.FirstOrDefaultAsync(p => p.UserId == context.User.Id, cancellationToken);
        if (language is null)
        {
            return Answer(context.T("coalition.me.language.show", new { current = preference?.Language ?? "auto", languages = LanguageNames.Offered(context.Languages) }));
        }

        var auto = string.Equals(language.Trim(), "auto", StringComparison.OrdinalIgnoreCase);
        var chosen = auto ? null : LanguageNames.Resolve(context.Languages, language);
        if (!auto && chosen is null)
        {
            return CommandResult.Invalid(context.T("coalition.me.language.unknown", new { code = language.Trim(), languages = LanguageNames.Offered(context.Languages) }));
        }

        if (preference is null)
        {
            preference = new UserPreference { UserId = context.User.Id };
            db.UserPreferences.Add(preference);
        }

        preference.Language = chosen;
        preference.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        if (chosen is null || context.Languages is null)
        {
            return Answer(context.T("coalition.me.language.auto"));
        }

        // The confirmation is the first answer in the new language.
        var strings = new CatalogStringLocalizer(context.Languages, chosen, LanguageCatalogs.CultureFor(chosen));
        return Answer(strings.Format("coalition.me.language.set", new { language = LanguageNames.OwnName(context.Languages, chosen) }));
    }

    private static CommandResult Answer(string text) => CommandResult.Ok(new Reply { Text = text, Ephemeral = true });
}
