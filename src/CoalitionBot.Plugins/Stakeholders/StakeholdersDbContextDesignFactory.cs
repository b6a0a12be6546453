using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class StakeholdersDbContextDesignFactory : IDesignTimeDbContextFactory<StakeholdersDbContext>
{
    public StakeholdersDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<StakeholdersDbContext>(StakeholdersPlugin.PluginName), new TenantContext());
}
