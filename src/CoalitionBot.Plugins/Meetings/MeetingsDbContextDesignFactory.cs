using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class MeetingsDbContextDesignFactory : IDesignTimeDbContextFactory<MeetingsDbContext>
{
    public MeetingsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<MeetingsDbContext>("meetings"), new TenantContext());
}
