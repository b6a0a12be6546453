using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Plugins.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tasks;

/// <summary><c>/task</c>: outreach tasks that leads assign and members finish, with direct messages, nudges and a daily digest.</summary>
public sealed class TasksPlugin : BotPlugin<TasksSettings>
{
    public const string PluginName = "tasks";

    public override string Name => PluginName;

    public override string Description => "Outreach tasks: leads assign, members finish; reminders by direct message and a daily digest";


    public override IEnumerable<Type> Modules => [typeof(TaskCommands), typeof(TaskProgressCommands)];

    protected override void ConfigureServices(IServiceCollection services, TasksSettings settings)
    {
        services.AddTenantDbContext<TasksDbContext, PostgresTasksDbContext>(PluginName);
        services.AddScoped<TaskBoard>();
        services.AddScoped<TaskNotifier>();
        services.AddScoped<TaskInputs>();
        services.AddScoped<TaskDigest>();
        services.AddHostedService<TaskDigestService>();
        services.AddScoped<ICampaignTaskSource, CampaignTaskSource>();
        services.AddScoped<ITaskDrafts, TaskDrafts>();
        services.AddPersonalDataProvider<TasksPersonalData>();
    }
}
