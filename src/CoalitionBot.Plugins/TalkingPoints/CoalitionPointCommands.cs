using System.Text.RegularExpressions;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;
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

    [Command("tp add", "Add your coalition's own talking point", Role = Role.Lead)]
    public async Task<CommandResult> AddAsync(
        [Option("A short title", MaxLength = ContentPack.MaxTitle)] string title,
        [Option("The point: 2–4 short sentences", Remainder = true, MaxLength = ContentPack.MaxSummary)] string text,
        [Option("Audiences, comma-separated: council, media, faith, business, police, neighbors", MaxLength = 120)] string? audiences = null,
        [Option("Topic tags, comma-separated", MaxLength = 200)] string? topics = null,
        [Option("The language it is written in: en, es or an added one like ht", MaxLength = 35)] string? lang = null,
        CancellationToken cancellationToken = default)
    {
        // The pseudo-locale is not a language anyone writes in: a point added under it is English.
        var language = lang is null ? (Context.Language == LanguageCatalogs.Pseudo ? LanguageCatalogs.English : Context.Language) : LanguageNames.Resolve(Context.Languages, lang);
        if (language is null)
        {
            return CommandResult.Invalid(Context.T("tp.lang.unknown", new { code = lang!.Trim(), languages = TalkingPointCards.Codes(Context.Languages) }));
        }

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
            Language = language,
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
            Text = Context.T("tp.add.done", new { title = row.Title, slug }),
        });
    }

    [Command("tp edit", "Change one of your coalition's talking points", Role = Role.Lead)]
    public async Task<CommandResult> EditAsync(
        [Option("The point's id", MaxLength = 48)] string id,
        [Option("New title", MaxLength = ContentPack.MaxTitle)] string? title = null,
        [Option("New text", MaxLength = ContentPack.MaxSummary)] string? text = null,
        [Option("New audiences, comma-separated", MaxLength = 120)] string? audiences = null,
        [Option("New topic tags, comma-separated", MaxLength = 200)] string? topics = null,
        CancellationToken cancellationToken = default)
    {
        var key = id.Trim().ToLowerInvariant();
        var row = await db.CustomPoints.FirstOrDefaultAsync(p => p.Slug == key, cancellationToken);
        if (row is null)
        {
            return library.Pack.Ordinals.ContainsKey(id.Trim().ToLowerInvariant())
                ? CommandResult.Invalid(Context.T("tp.edit.shipped", new { id }))
                : CommandResult.NotFound(Context.T("tp.edit.none", new { id }));
        }

        if (title is null && text is null && audiences is null && topics is null)
        {
            return CommandResult.Invalid(Context.T("tp.edit.nothing"));
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
        return CommandResult.Ok(new Reply { Text = Context.T("tp.edit.done", new { slug = row.Slug }) });
    }

    [Command("tp remove", "Delete one of your coalition's talking points", Role = Role.Lead)]
    public async Task<CommandResult> RemoveAsync(
        [Option("The point's id", MaxLength = 48)] string id,
        CancellationToken cancellationToken = default)
    {
        var key = id.Trim().ToLowerInvariant();
        var row = await db.CustomPoints.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == key, cancellationToken);
        if (row is null)
        {
            return CommandResult.NotFound(Context.T("tp.remove.none", new { id }));
        }

        return CommandResult.Ok(new Reply
        {
            Text = Context.T("tp.remove.confirm", new { title = row.Title, slug = row.Slug }),
            Buttons =
            [
                new ReplyButton(RemoveAction, Context.T("tp.remove.delete"), row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ButtonStyle.Danger),
                new ReplyButton(CancelAction, Context.T("tp.remove.cancel")),
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
            return CommandResult.Update(new Reply { Text = Context.T("tp.remove.gone"), Ephemeral = true });
        }

        db.CustomPoints.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Update(new Reply { Text = Context.T("tp.remove.done", new { slug = row.Slug }), Ephemeral = true });
    }

    [Button(CancelAction)]
    public CommandResult Cancel(string value) =>
        CommandResult.Update(new Reply { Text = Context.T("tp.remove.cancelled"), Ephemeral = true });

    [Command("tp hide", "Stop showing a shipped talking point in your coalition", Role = Role.Lead)]
    public async Task<CommandResult> HideAsync(
        [Option("The shipped point's id", MaxLength = 48)] string id,
        CancellationToken cancellationToken = default)
    {
        var key = id.Trim().ToLowerInvariant();
        if (!library.Pack.Ordinals.ContainsKey(key))
        {
            return CommandResult.NotFound(Context.T("tp.hide.none", new { id = key }));
        }

        if (!await db.HiddenPackPoints.AnyAsync(h => h.PointId == key, cancellationToken))
        {
            db.HiddenPackPoints.Add(new HiddenPackPoint { PointId = key, HiddenBy = Context.User.Name, HiddenAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return CommandResult.Ok(new Reply
        {
            Text = Context.T("tp.hide.done", new { id = key }),
        });
    }

    [Command("tp unhide", "Show a hidden shipped talking point again", Role = Role.Lead)]
    public async Task<CommandResult> UnhideAsync(
        [Option("The shipped point's id", MaxLength = 48)] string id,
        CancellationToken cancellationToken = default)
    {
        var key = id.Trim().ToLowerInvariant();
        var row = await db.HiddenPackPoints.FirstOrDefaultAsync(h => h.PointId == key, cancellationToken);
        if (row is null)
        {
            return CommandResult.NotFound(Context.T("tp.unhide.none", new { id = key }));
        }

        db.HiddenPackPoints.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.T("tp.unhide.done", new { id = key }) });
    }

    private List<Audience> ParseAudiences(string? text, out string? error)
    {
        error = null;
        var result = new List<Audience>();
        foreach (var word in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (AudienceNames.Parse(word, a => Context.T(AudienceNames.LabelKey(a))) is { } audience)
            {
                if (!result.Contains(audience))
                {
                    result.Add(audience);
                }
            }
            else
            {
                error = Context.T("tp.audiences.unknown", new { word });
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
