using System.Text.Json.Serialization;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresCampaignsDbContext</c> build the PostgreSQL context without the host.</summary>
internal sealed class PostgresCampaignsDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresCampaignsDbContext>
{
    public PostgresCampaignsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<CampaignsDbContext>(CampaignsPlugin.PluginName, DatabaseProvider.Postgres), new TenantContext());
}
