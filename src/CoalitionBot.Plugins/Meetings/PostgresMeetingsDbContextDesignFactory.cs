using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresMeetingsDbContext</c> build the PostgreSQL context without the host.</summary>
internal sealed class PostgresMeetingsDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresMeetingsDbContext>
{
    public PostgresMeetingsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<MeetingsDbContext>("meetings", DatabaseProvider.Postgres), new TenantContext());
}
