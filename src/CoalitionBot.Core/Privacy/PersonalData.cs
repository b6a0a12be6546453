using System.Globalization;
using CoalitionBot.Core.Model;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Privacy;

/// <summary>Lists and erases what one part of the bot (Core or a plugin) stores about a person, in the scope's coalition.</summary>
/// <remarks>
/// Register with <see cref="PersonalDataServices.AddPersonalDataProvider{T}"/>. <c>/privacy me</c> shows what every provider
/// finds; erasing asks every provider to delete the person's own data (preferences, RSVPs) and to anonymize history they
/// authored (the action stays, the name goes).
/// </remarks>
public interface IPersonalDataProvider
{
    /// <summary>What is stored about the person, one item per row or setting, described in the caller's language.</summary>
    Task<IReadOnlyList<PersonalDataItem>> FindAsync(UserRef person, CultureInfo culture, CancellationToken cancellationToken);

    /// <summary>Deletes the person's own rows and removes their name and id from rows that must stay; saves before returning.</summary>
    Task<PersonalDataErasure> EraseAsync(UserRef person, CancellationToken cancellationToken);
}

/// <summary>What erasing does to a piece of personal data.</summary>
public enum PersonalDataFate
{
    /// <summary>The row is deleted.</summary>
    Erased,

    /// <summary>The row stays (it is the coalition's history) without the person's name or id.</summary>
    Anonymized,

    /// <summary>The row stays as it is; the text says who can change it (e.g. an admin removes a lead grant).</summary>
    Kept,
}

/// <summary>One thing stored about a person: a category (<c>Preferences</c>), a short description in neutral markup, and its fate on erasure.</summary>
public sealed record PersonalDataItem(string Category, string Description, PersonalDataFate OnErase);

/// <summary>How many rows an erasure deleted and anonymized.</summary>
public sealed record PersonalDataErasure(int Erased, int Anonymized)
{
    public static PersonalDataErasure None { get; } = new(0, 0);

    public static PersonalDataErasure operator +(PersonalDataErasure left, PersonalDataErasure right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.Erased + right.Erased, left.Anonymized + right.Anonymized);
    }

    public static PersonalDataErasure Add(PersonalDataErasure left, PersonalDataErasure right) => left + right;
}

/// <summary>Asks every registered <see cref="IPersonalDataProvider"/> at once; used by <c>/privacy me</c> and its erase button.</summary>
public sealed class PersonalDataService(IEnumerable<IPersonalDataProvider> providers)
{
    /// <summary>Everything every provider holds about the person.</summary>
    public async Task<IReadOnlyList<PersonalDataItem>> FindAsync(UserRef person, CultureInfo culture, CancellationToken cancellationToken)
    {
        var items = new List<PersonalDataItem>();
        foreach (var provider in providers)
        {
            items.AddRange(await provider.FindAsync(person, culture, cancellationToken));
        }

        return items;
    }

    /// <summary>Erases and anonymizes the person's data in every provider.</summary>
    public async Task<PersonalDataErasure> EraseAsync(UserRef person, CancellationToken cancellationToken)
    {
        var total = PersonalDataErasure.None;
        foreach (var provider in providers)
        {
            total += await provider.EraseAsync(person, cancellationToken);
        }

        return total;
    }
}

/// <summary>Registers personal-data providers.</summary>
public static class PersonalDataServices
{
    /// <summary>Registers a provider (scoped, so it can take the plugin's DbContext) that <c>/privacy me</c> and erasure use.</summary>
    public static IServiceCollection AddPersonalDataProvider<TProvider>(this IServiceCollection services)
        where TProvider : class, IPersonalDataProvider =>
        services.AddScoped<IPersonalDataProvider, TProvider>();
}
