using System.Text.RegularExpressions;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>The <c>/tp</c> commands with which leads keep their coalition's own points (add, edit, remove) and hide shipped ones.</summary>
public sealed partial class CoalitionPointCommands(
    TalkingPointLibrary library,
    TalkingPointsDbContext db,
    TimeProvider clock) : CommandModule
{
    private const string RemoveAction = "tp.remove";
    private const string CancelAction = "tp.cancel";

    private PointLanguage Language => Context.IsSpanish ? PointLanguage.Es : PointLanguage.En;

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
        db.CustomPoints.Add(row);
        await db.SaveChangesAsync(cancellationToken);
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
        var row = await db.CustomPoints.FirstOrDefaultAsync(p => p.Slug == key, cancellationToken);
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
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.Say(Markup.Format($"Updated `{row.Slug}`."), Markup.Format($"Actualizado `{row.Slug}`.")) });
    }

    [Command("tp remove", "Delete one of your coalition's talking points", Role = Role.Lead, DescriptionEs = "Borrar un punto propio de la coalición")]
    public async Task<CommandResult> RemoveAsync(
        [Option("The point's id", MaxLength = 48, DescriptionEs = "El id del punto")] string id,
        CancellationToken cancellationToken = default)
    {
        var key = id.Trim().ToLowerInvariant();
        var row = await db.CustomPoints.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == key, cancellationToken);
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
        var row = long.TryParse(value, out var id) ? await db.CustomPoints.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
        if (row is null)
        {
            return CommandResult.Update(new Reply { Text = Context.Say("That point was already deleted.", "Ese punto ya estaba borrado."), Ephemeral = true });
        }

        db.CustomPoints.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
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

        if (!await db.HiddenPackPoints.AnyAsync(h => h.PointId == key, cancellationToken))
        {
            db.HiddenPackPoints.Add(new HiddenPackPoint { PointId = key, HiddenBy = Context.User.Name, HiddenAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
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
        var row = await db.HiddenPackPoints.FirstOrDefaultAsync(h => h.PointId == key, cancellationToken);
        if (row is null)
        {
            return CommandResult.NotFound(Context.Say(Markup.Format($"`{key}` is not hidden."), Markup.Format($"`{key}` no está oculto.")));
        }

        db.HiddenPackPoints.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.Say(Markup.Format($"`{key}` is back."), Markup.Format($"`{key}` está de vuelta.")) });
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

        var taken = await db.CustomPoints.Where(p => p.Slug.StartsWith(baseSlug)).Select(p => p.Slug).ToListAsync(cancellationToken);
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
