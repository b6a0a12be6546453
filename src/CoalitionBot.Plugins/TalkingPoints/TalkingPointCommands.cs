using System.Text.RegularExpressions;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>The <c>/tp</c> commands.</summary>
public sealed partial class TalkingPointCommands(
    TalkingPointLibrary library,
    TalkingPointsSettings settings,
    Lazy<TalkingPointsDbContext> database,
    Lazy<CoalitionBotDbContext> coreDatabase,
    TimeProvider clock) : CommandModule
{
    // Asking for points reads the cache alone; only the commands that change something open the databases.
    private TalkingPointsDbContext Db => database.Value;

    private CoalitionBotDbContext CoreDb => coreDatabase.Value;

    private const string RemoveAction = "tp.remove";
    private const string CancelAction = "tp.cancel";

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

    [Command("tp add", "Add your coalition's own talking point", Role = Role.Lead, DescriptionEs = "Agregar un punto propio de la coalición")]
    public async Task<CommandResult> AddAsync(
        [Option("A short title", MaxLength = ContentPack.MaxTitle, DescriptionEs = "Un título corto")] string title,
        [Option("The point: 2–4 short sentences", Remainder = true, MaxLength = ContentPack.MaxSummary, DescriptionEs = "El punto: 2 a 4 frases cortas")] string text,
        [Option("Audiences, comma-separated: council, media, faith, business, police, neighbors", MaxLength = 120,
            DescriptionEs = "Públicos separados por comas: concejo, medios, fe, negocios, policía, vecinos")] string? audiences = null,
        [Option("Topic tags, comma-separated", MaxLength = 200, DescriptionEs = "Temas separados por comas")] string? topics = null,
        [Option("The language it is written in", DescriptionEs = "El idioma en que está escrito")] PointLanguage? lang = null,
        CancellationToken cancellationToken = default)
    {
        var parsedAudiences = ParseAudiences(audiences, out var audienceError);
        if (audienceError is not null)
        {
            return CommandResult.Invalid(audienceError);
        }

        var tags = ParseTopics(topics);
        var slug = await UniqueSlugAsync(title, cancellationToken);
        var now = clock.GetUtcNow();
        var row = new CustomPoint
        {
            Slug = slug,
            Language = (lang ?? Language) == PointLanguage.Es ? "es" : "en",
            Title = title.Trim(),
            Text = text.Trim(),
            Audiences = AudienceList(parsedAudiences.Count > 0 ? parsedAudiences : Enum.GetValues<Audience>()),
            Topics = string.Join(',', tags),
            CreatedBy = Context.User.Name,
            CreatedAt = now,
            UpdatedBy = Context.User.Name,
            UpdatedAt = now,
        };
        Db.CustomPoints.Add(row);
        await Db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = Context.Say(
                Markup.Format($"Added **{row.Title}** as `{slug}`. Members find it with `/tp`; change it with `/tp edit {slug}`."),
                Markup.Format($"Agregado **{row.Title}** como `{slug}`. Los miembros lo encuentran con `/tp`; cámbielo con `/tp edit {slug}`.")),
        });
    }

    [Command("tp edit", "Change one of your coalition's talking points", Role = Role.Lead, DescriptionEs = "Cambiar un punto propio de la coalición")]
    public async Task<CommandResult> EditAsync(
        [Option("The point's id", MaxLength = 48, DescriptionEs = "El id del punto")] string id,
        [Option("New title", MaxLength = ContentPack.MaxTitle, DescriptionEs = "Nuevo título")] string? title = null,
        [Option("New text", MaxLength = ContentPack.MaxSummary, DescriptionEs = "Nuevo texto")] string? text = null,
        [Option("New audiences, comma-separated", MaxLength = 120, DescriptionEs = "Nuevos públicos, separados por comas")] string? audiences = null,
        [Option("New topic tags, comma-separated", MaxLength = 200, DescriptionEs = "Nuevos temas, separados por comas")] string? topics = null,
        CancellationToken cancellationToken = default)
    {
        var key = id.Trim().ToLowerInvariant();
        var row = await Db.CustomPoints.FirstOrDefaultAsync(p => p.Slug == key, cancellationToken);
        if (row is null)
        {
            return library.Pack.Ordinals.ContainsKey(id.Trim().ToLowerInvariant())
                ? CommandResult.Invalid(Context.Say(
                    Markup.Format($"`{id}` is a shipped point and can't be edited. Hide it with `/tp hide {id}` and add your own version with `/tp add`."),
                    Markup.Format($"`{id}` es un punto incluido y no se puede editar. Ocúltelo con `/tp hide {id}` y agregue su versión con `/tp add`.")))
                : CommandResult.NotFound(Context.Say(Markup.Format($"Your coalition has no point `{id}`."), Markup.Format($"Su coalición no tiene el punto `{id}`.")));
        }

        if (title is null && text is null && audiences is null && topics is null)
        {
            return CommandResult.Invalid(Context.Say("Say what to change, like `title:\"…\"` or `text:\"…\"`.", "Indique qué cambiar, como `title:\"…\"` o `text:\"…\"`."));
        }

        if (audiences is not null)
        {
            var parsed = ParseAudiences(audiences, out var audienceError);
            if (audienceError is not null)
            {
                return CommandResult.Invalid(audienceError);
            }

            row.Audiences = AudienceList(parsed);
        }

        row.Title = title?.Trim() ?? row.Title;
        row.Text = text?.Trim() ?? row.Text;
        row.Topics = topics is null ? row.Topics : string.Join(',', ParseTopics(topics));
        row.UpdatedBy = Context.User.Name;
        row.UpdatedAt = clock.GetUtcNow();
        await Db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.Say(Markup.Format($"Updated `{row.Slug}`."), Markup.Format($"Actualizado `{row.Slug}`.")) });
    }

    [Command("tp remove", "Delete one of your coalition's talking points", Role = Role.Lead, DescriptionEs = "Borrar un punto propio de la coalición")]
    public async Task<CommandResult> RemoveAsync(
        [Option("The point's id", MaxLength = 48, DescriptionEs = "El id del punto")] string id,
        CancellationToken cancellationToken = default)
    {
        var key = id.Trim().ToLowerInvariant();
        var row = await Db.CustomPoints.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == key, cancellationToken);
        if (row is null)
        {
            return CommandResult.NotFound(Context.Say(Markup.Format($"Your coalition has no point `{id}` (shipped points are hidden with `/tp hide`)."),
                Markup.Format($"Su coalición no tiene el punto `{id}` (los puntos incluidos se ocultan con `/tp hide`).")));
        }

        return CommandResult.Ok(new Reply
        {
            Text = Context.Say(Markup.Format($"Delete **{row.Title}** (`{row.Slug}`) for everyone in the coalition?"),
                Markup.Format($"¿Borrar **{row.Title}** (`{row.Slug}`) para toda la coalición?")),
            Buttons =
            [
                new ReplyButton(RemoveAction, Context.Say("Delete", "Borrar"), row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ButtonStyle.Danger),
                new ReplyButton(CancelAction, Context.Say("Cancel", "Cancelar")),
            ],
            Ephemeral = true,
        });
    }

    [Button(RemoveAction, Role = Role.Lead)]
    public async Task<CommandResult> ConfirmRemoveAsync(string value, CancellationToken cancellationToken = default)
    {
        var row = long.TryParse(value, out var id) ? await Db.CustomPoints.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
        if (row is null)
        {
            return CommandResult.Update(new Reply { Text = Context.Say("That point was already deleted.", "Ese punto ya estaba borrado."), Ephemeral = true });
        }

        Db.CustomPoints.Remove(row);
        await Db.SaveChangesAsync(cancellationToken);
        return CommandResult.Update(new Reply { Text = Context.Say(Markup.Format($"Deleted `{row.Slug}`."), Markup.Format($"Borrado `{row.Slug}`.")), Ephemeral = true });
    }

    [Button(CancelAction)]
    public CommandResult Cancel(string value) =>
        CommandResult.Update(new Reply { Text = Context.Say("Cancelled; nothing changed.", "Cancelado; no cambió nada."), Ephemeral = true });

    [Command("tp hide", "Stop showing a shipped talking point in your coalition", Role = Role.Lead, DescriptionEs = "Dejar de mostrar un punto incluido en su coalición")]
    public async Task<CommandResult> HideAsync(
        [Option("The shipped point's id", MaxLength = 48, DescriptionEs = "El id del punto incluido")] string id,
        CancellationToken cancellationToken = default)
    {
        var key = id.Trim().ToLowerInvariant();
        if (!library.Pack.Ordinals.ContainsKey(key))
        {
            return CommandResult.NotFound(Context.Say(Markup.Format($"There is no shipped point `{key}`."), Markup.Format($"No existe el punto incluido `{key}`.")));
        }

        if (!await Db.HiddenPackPoints.AnyAsync(h => h.PointId == key, cancellationToken))
        {
            Db.HiddenPackPoints.Add(new HiddenPackPoint { PointId = key, HiddenBy = Context.User.Name, HiddenAt = clock.GetUtcNow() });
            await Db.SaveChangesAsync(cancellationToken);
        }

        return CommandResult.Ok(new Reply
        {
            Text = Context.Say(Markup.Format($"`{key}` is hidden in your coalition. Bring it back with `/tp unhide {key}`."),
                Markup.Format($"`{key}` está oculto en su coalición. Recupérelo con `/tp unhide {key}`.")),
        });
    }

    [Command("tp unhide", "Show a hidden shipped talking point again", Role = Role.Lead, DescriptionEs = "Volver a mostrar un punto incluido oculto")]
    public async Task<CommandResult> UnhideAsync(
        [Option("The shipped point's id", MaxLength = 48, DescriptionEs = "El id del punto incluido")] string id,
        CancellationToken cancellationToken = default)
    {
        var key = id.Trim().ToLowerInvariant();
        var row = await Db.HiddenPackPoints.FirstOrDefaultAsync(h => h.PointId == key, cancellationToken);
        if (row is null)
        {
            return CommandResult.NotFound(Context.Say(Markup.Format($"`{key}` is not hidden."), Markup.Format($"`{key}` no está oculto.")));
        }

        Db.HiddenPackPoints.Remove(row);
        await Db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.Say(Markup.Format($"`{key}` is back."), Markup.Format($"`{key}` está de vuelta.")) });
    }

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

    private List<Audience> ParseAudiences(string? text, out string? error)
    {
        error = null;
        var result = new List<Audience>();
        foreach (var word in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (AudienceNames.Parse(word) is { } audience)
            {
                if (!result.Contains(audience))
                {
                    result.Add(audience);
                }
            }
            else
            {
                error = Context.Say(
                    Markup.Format($"`{word}` is not an audience: use council, media, faith, business, police or neighbors."),
                    Markup.Format($"`{word}` no es un público: use concejo, medios, fe, negocios, policía o vecinos."));
                return [];
            }
        }

        return result;
    }

    private static string AudienceList(IEnumerable<Audience> audiences) =>
        string.Join(',', audiences.Select(a => a.ToString().ToLowerInvariant()));

    private static List<string> ParseTopics(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => Slugify(t, 40)).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Take(8).ToList();

    private async Task<string> UniqueSlugAsync(string title, CancellationToken cancellationToken)
    {
        var baseSlug = Slugify(title, 40);
        if (baseSlug.Length == 0)
        {
            baseSlug = "point";
        }

        var taken = await Db.CustomPoints.Where(p => p.Slug.StartsWith(baseSlug)).Select(p => p.Slug).ToListAsync(cancellationToken);
        var slug = baseSlug;
        for (var n = 2; taken.Contains(slug) || library.Pack.Ordinals.ContainsKey(slug); n++)
        {
            slug = $"{baseSlug}-{n}";
        }

        return slug;
    }

    private static string Slugify(string text, int max)
    {
        var folded = NonSlug().Replace(SearchIndex.Fold(text), "-").Trim('-');
        return folded.Length <= max ? folded : folded[..max].TrimEnd('-');
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}

/// <summary>Suggests talking points while the topic is typed (Discord autocomplete): the point's title, filling in its id.</summary>
public sealed class TopicAutocomplete(TalkingPointLibrary library) : IAutocompleteProvider
{
    public async Task<IReadOnlyList<AutocompleteChoice>> SuggestAsync(CommandContext context, string partial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var language = context.IsSpanish ? PointLanguage.Es : PointLanguage.En;
        var points = string.IsNullOrWhiteSpace(partial)
            ? (await library.ForAudienceAsync(null, 25, cancellationToken)).Points
            : (await library.SearchAsync(partial, null, null, 25, cancellationToken)).Points;
        return points.Select(p =>
        {
            var title = p.In(language).Text.Title;
            return new AutocompleteChoice(title.Length <= 100 ? title : title[..99] + "…", p.Id);
        }).ToList();
    }
}
