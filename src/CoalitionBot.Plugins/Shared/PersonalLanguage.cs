using CoalitionBot.Core.Commands;
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
    public const string Help = "en, es, or auto to follow your app's language";
    public const string HelpEs = "en, es, o auto para seguir el idioma de su aplicación";

    /// <summary>Shows the caller's language (no <paramref name="language"/>) or sets it (<c>en</c>, <c>es</c>, <c>auto</c>).</summary>
    public static async Task<CommandResult> SetAsync(CoalitionBotDbContext db, CommandContext context, string? language, TimeProvider clock, CancellationToken cancellationToken)
    {
        var preference = await db.UserPreferences.FirstOrDefaultAsync(p => p.UserId == context.User.Id, cancellationToken);
        if (language is null)
        {
            var current = preference?.Language ?? "auto";
            return CommandResult.Ok(new Reply
            {
                Text = context.Say(
                    $"Your language is `{current}`: every answer and direct message the bot gives you uses it. Change it with `/coalition me language es`, `en` or `auto` (the same as `/tp lang`).",
                    $"Su idioma es `{current}`: el bot lo usa en todas sus respuestas y mensajes directos para usted. Cámbielo con `/coalition me language es`, `en` o `auto` (lo mismo que `/tp lang`)."),
                Ephemeral = true,
            });
        }

        var chosen = language == "auto" ? null : language;
        if (preference is null)
        {
            preference = new UserPreference { UserId = context.User.Id };
            db.UserPreferences.Add(preference);
        }

        preference.Language = chosen;
        preference.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = chosen switch
            {
                "es" => "Listo: le responderé en español en todo (respuestas, mensajes directos y puntos clave).",
                "en" => "Done: I'll answer you in English everywhere (answers, direct messages and talking points).",
                _ => context.Say("Done: I'll follow your app's language.", "Listo: seguiré el idioma de su aplicación."),
            },
            Ephemeral = true,
        });
    }
}
