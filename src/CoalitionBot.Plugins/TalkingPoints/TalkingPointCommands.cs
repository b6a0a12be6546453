using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>The <c>/tp</c> commands that find and show talking points, and the Share and More buttons of their cards.</summary>
public sealed class TalkingPointCommands(
    TalkingPointLibrary library,
    TalkingPointsSettings settings,
    Lazy<CoalitionBotDbContext> coreDatabase,
    TimeProvider clock) : CommandModule
{
    // Asking for points reads the cache alone; only /tp lang opens the database.
    private CoalitionBotDbContext CoreDb => coreDatabase.Value;

    [Command("tp", "Talking points on a topic, for an audience", DescriptionEs = "Puntos clave sobre un tema, para un público")]
    public async Task<CommandResult> AskAsync(
        [Option("Topic or question, like: detainers, 287g, federal funding", Remainder = true, MaxLength = 200, Autocomplete = typeof(TopicAutocomplete),
            DescriptionEs = "Tema o pregunta, como: detainers, 287g, fondos federales")] string? topic = null,
        [Option("Who you will talk to", DescriptionEs = "Con quién va a hablar")] Audience? audience = null,
        [Option("Language of the points", DescriptionEs = "Idioma de los puntos")] PointLanguage? lang = null,
        CancellationToken cancellationToken = default)
    {
        var language = lang ?? Language;
        var spanish = language == PointLanguage.Es;
        var (query, spotted) = ExtractAudience(topic ?? string.Empty, library.IsTopicWord);
        audience ??= spotted;
        var forWhom = audience is { } a ? (spanish ? $" · para {AudienceNames.Label(a, true)}" : $" · for {AudienceNames.Label(a, false)}") : string.Empty;

        if (query.Length == 0)
        {
            if (audience is null)
            {
                return CommandResult.Invalid(Say(spanish,
                    "What do you need points on? Try `/tp detainers`, `/tp council`, `/tp 287g media`, `/tp rebut it's illegal` or `/tp topics`.",
                    "¿Sobre qué necesita puntos? Pruebe `/tp detainers`, `/tp concejo`, `/tp 287g medios`, `/tp rebut es ilegal` o `/tp topics`."));
            }

            var starters = await library.ForAudienceAsync(audience, settings.MaxResults, cancellationToken);
            var heading = (spanish ? "Puntos clave" : "Talking points") + forWhom;
            return CommandResult.Ok(TalkingPointCards.Results(Context, library, heading, null, language, starters.Points));
        }

        var outcome = await library.SearchAsync(query, audience, kind: null, settings.MaxResults, cancellationToken);
        if (outcome.Points.Count == 0)
        {
            return CommandResult.NotFound(Say(spanish,
                Markup.Format($"No talking points match “{query}”. Try other words, or `/tp topics` to see what there is."),
                Markup.Format($"Ningún punto coincide con “{query}”. Pruebe otras palabras, o `/tp topics` para ver los temas.")));
        }

        var note = outcome.AudienceFallback && audience is { } wanted
            ? Say(spanish,
                $"_Nothing on this topic is written for {AudienceNames.Label(wanted, false)}; here are the closest points for everyone._",
                $"_No hay puntos de este tema para {AudienceNames.Label(wanted, true)}; estos son los más cercanos para todo público._")
            : null;
        var title = (spanish ? "Puntos clave: " : "Talking points: ") + query + forWhom;
        return CommandResult.Ok(TalkingPointCards.Results(Context, library, title, note, language, outcome.Points));
    }

    [Command("tp rebut", "The answer to an objection you heard", DescriptionEs = "La respuesta a una objeción que escuchó")]
    public async Task<CommandResult> RebutAsync(
        [Option("The objection, like: it protects criminals", Remainder = true, MaxLength = 200, DescriptionEs = "La objeción, como: protege a criminales")] string objection,
        [Option("Language of the answer", DescriptionEs = "Idioma de la respuesta")] PointLanguage? lang = null,
        CancellationToken cancellationToken = default)
    {
        var language = lang ?? Language;
        var spanish = language == PointLanguage.Es;
        var outcome = await library.SearchAsync(objection, audience: null, PointKind.Rebuttal, 3, cancellationToken);
        if (outcome.Points.Count == 0)
        {
            var known = (await library.VisibleAsync(cancellationToken))
                .Where(p => p.Kind == PointKind.Rebuttal)
                .Select(p => Markup.Format($"“{p.In(language).Text.Objection}”"))
                .ToList();
            return CommandResult.Ok(new Reply
            {
                Text = Say(spanish,
                    Markup.Format($"I have no answer for “{objection}” yet. These are the objections I can answer:"),
                    Markup.Format($"Todavía no tengo respuesta para “{objection}”. Estas son las objeciones que sé responder:")),
                Bullets = known,
                Ephemeral = true,
            });
        }

        var best = outcome.Points[0];
        var card = TalkingPointCards.Detail(Context, best, language, clock.GetUtcNow(), library);
        var others = outcome.Points.Skip(1).Select(p => Markup.Format($"“{p.In(language).Text.Objection}” — `/tp show {p.Id}`")).ToList();
        return CommandResult.Ok(card with
        {
            Bullets = others,
            Title = card.Title,
        });
    }

    [Command("tp show", "One talking point in full, with its source", DescriptionEs = "Un punto completo, con su fuente")]
    public async Task<CommandResult> ShowAsync(
        [Option("The point's id, like detainers-are-requests", MaxLength = 48, Autocomplete = typeof(TopicAutocomplete), DescriptionEs = "El id del punto, como detainers-are-requests")] string id,
        [Option("Language", DescriptionEs = "Idioma")] PointLanguage? lang = null,
        CancellationToken cancellationToken = default)
    {
        var language = lang ?? Language;
        var point = await library.FindAsync(id, cancellationToken);
        return point is null
            ? CommandResult.NotFound(Say(language == PointLanguage.Es,
                Markup.Format($"There is no talking point `{id}`. Search with `/tp <topic>`."),
                Markup.Format($"No existe el punto `{id}`. Busque con `/tp <tema>`.")))
            : CommandResult.Ok(TalkingPointCards.Detail(Context, point, language, clock.GetUtcNow(), library));
    }

    [Command("tp topics", "The topics, with how many points each audience has", DescriptionEs = "Los temas, con cuántos puntos hay para cada público")]
    public async Task<CommandResult> TopicsAsync(CancellationToken cancellationToken = default)
    {
        var spanish = Language == PointLanguage.Es;
        var points = await library.VisibleAsync(cancellationToken);
        var rows = points
            .SelectMany(p => p.Topics.Select(t => (Topic: t, Point: p)))
            .GroupBy(x => x.Topic, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(40)
            .Select(g =>
            {
                var perAudience = Enum.GetValues<Audience>()
                    .Select(a => (Audience: a, Count: g.Count(x => x.Point.Audiences.Contains(a))))
                    .Where(x => x.Count > 0)
                    .Select(x => $"{AudienceNames.Label(x.Audience, spanish)} {x.Count}");
                return Markup.Format($"`{g.Key}` — {g.Count()}: {string.Join(" · ", perAudience)}");
            })
            .ToList();
        var rebuttals = points.Count(p => p.Kind == PointKind.Rebuttal);
        return CommandResult.Ok(new Reply
        {
            Title = spanish ? "Temas de los puntos clave" : "Talking point topics",
            Text = Say(spanish,
                $"{points.Count} points, {rebuttals} of them answers to objections (`/tp rebut …`). Ask with `/tp <topic> [audience]`.",
                $"{points.Count} puntos, {rebuttals} de ellos respuestas a objeciones (`/tp rebut …`). Pregunte con `/tp <tema> [público]`."),
            Bullets = rows,
            Ephemeral = true,
        });
    }

    [Command("tp lang", "Your language for every answer (the same as /coalition me language)", DescriptionEs = "Su idioma para todas las respuestas (lo mismo que /coalition me language)")]
    public Task<CommandResult> LanguageAsync(
        [Option(PersonalLanguage.Help, Choices = ["en", "es", "auto"], DescriptionEs = PersonalLanguage.HelpEs)] string? language = null,
        CancellationToken cancellationToken = default) =>
        PersonalLanguage.SetAsync(CoreDb, Context, language, clock, cancellationToken);

    [Button(TalkingPointCards.ShareAction)]
    public async Task<CommandResult> ShareAsync(string value, CancellationToken cancellationToken = default)
    {
        var decoded = await library.DecodeAsync(value, cancellationToken);
        if (decoded is null)
        {
            return CommandResult.Invalid(Context.Say("Those points changed since this message; run `/tp` again to share them.",
                "Esos puntos cambiaron desde este mensaje; vuelva a usar `/tp` para compartirlos."));
        }

        return CommandResult.Ok(TalkingPointCards.Shared(Context, decoded.Value.Language, decoded.Value.Points));
    }

    [Button(TalkingPointCards.MoreAction)]
    public async Task<CommandResult> MoreAsync(string value, CancellationToken cancellationToken = default)
    {
        var decoded = await library.DecodeAsync(value, cancellationToken);
        if (decoded is null)
        {
            return CommandResult.Invalid(Context.Say("That point changed since this message; run `/tp` again.", "Ese punto cambió desde este mensaje; vuelva a usar `/tp`."));
        }

        return CommandResult.Ok(TalkingPointCards.Detail(Context, decoded.Value.Points[0], decoded.Value.Language, clock.GetUtcNow(), library));
    }

    private PointLanguage Language => Context.IsSpanish ? PointLanguage.Es : PointLanguage.En;

    private static string Say(bool spanish, string english, string spanishText) => spanish ? spanishText : english;

    /// <summary>Takes audience words out of a topic ("detainers council" → detainers, for council), also misspelt ("counsil")
    /// unless the word is a topic of its own (<paramref name="isTopicWord"/>: "policy" is not a misspelt "police").</summary>
    internal static (string Query, Audience? Audience) ExtractAudience(string topic, Func<string, bool>? isTopicWord = null)
    {
        Audience? found = null;
        var kept = new List<string>();
        foreach (var word in topic.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var audience = AudienceNames.Parse(word) ?? (isTopicWord?.Invoke(word) == false ? AudienceNames.ParseForgiving(word) : null);
            if (found is null && audience is not null)
            {
                found = audience;
                continue;
            }

            kept.Add(word);
        }

        return (string.Join(' ', kept), found);
    }
}
