using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Column rules that several meetings tables share, written once.</summary>
internal static class MeetingsModel
{
    /// <summary>The columns of <see cref="INumberedSource"/>: its number, unique within the coalition, its reminder channel and lead
    /// times, and its creator.</summary>
    public static EntityTypeBuilder<T> HasNumberedSource<T>(this EntityTypeBuilder<T> builder)
        where T : class, INumberedSource
    {
        builder.Property(nameof(INumberedSource.ChannelId)).HasMaxLength(64);
        builder.Property(nameof(INumberedSource.ChannelName)).HasMaxLength(100);
        builder.Property(nameof(INumberedSource.LeadMinutes)).HasMaxLength(100);
        builder.Property(nameof(INumberedSource.CreatedBy)).HasMaxLength(64);
        builder.HasIndex(nameof(ITenantScoped.TenantId), nameof(INumberedSource.Number)).IsUnique();
        return builder;
    }
}
