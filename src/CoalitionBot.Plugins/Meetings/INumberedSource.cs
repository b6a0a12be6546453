using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>What meetings, calendar subscriptions and agenda watches have alike: the number people type, who made it, and where
/// and when its reminders go.</summary>
internal interface INumberedSource : ITenantScoped
{
    int Number { get; }

    string? ChannelId { get; }

    string? ChannelName { get; }

    string? LeadMinutes { get; }

    string CreatedBy { get; }
}
