using System.Text.Json.Serialization;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class CampaignsDbContextDesignFactory : IDesignTimeDbContextFactory<CampaignsDbContext>
{
    public CampaignsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<CampaignsDbContext>(CampaignsPlugin.PluginName), new TenantContext());
}
