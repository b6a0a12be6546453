using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresStakeholdersDbContext</c> build the PostgreSQL context without the host.</summary>
internal sealed class PostgresStakeholdersDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresStakeholdersDbContext>
{
    public PostgresStakeholdersDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<StakeholdersDbContext>(StakeholdersPlugin.PluginName, DatabaseProvider.Postgres), new TenantContext());
}
