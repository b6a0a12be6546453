using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class TasksDbContextDesignFactory : IDesignTimeDbContextFactory<TasksDbContext>
{
    public TasksDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<TasksDbContext>("tasks"), new TenantContext());
}
