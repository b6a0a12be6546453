using System.ComponentModel.DataAnnotations;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.SamplePlugin;

/// <summary>Settings of the sample plugin, validated at start-up.</summary>
public sealed class SampleSettings
{
    [Required]
    [StringLength(20, MinimumLength = 1)]
    public string Greeting { get; set; } = "Hello";

    [Range(1, 3)]
    public int Repeat { get; set; } = 1;
}

/// <summary>Counts greetings, to prove the plugin's own services are registered.</summary>
public sealed class GreetingCounter
{
    private int _count;

    public int Next() => Interlocked.Increment(ref _count);
}

public sealed class SamplePlugin : BotPlugin<SampleSettings>
{
    public override string Name => "sample";

    public override string Description => "An external plugin used by the tests.";

    public override IEnumerable<Type> Modules => [typeof(SampleCommands)];

    protected override void ConfigureServices(IServiceCollection services, SampleSettings settings) =>
        services.AddSingleton<GreetingCounter>();
}

public sealed class SampleCommands(SampleSettings settings, GreetingCounter counter) : CommandModule
{
    [Command("sample greet", "Greet someone")]
    public CommandResult Greet([Option("Who to greet")] string name)
    {
        var greeting = string.Join(' ', Enumerable.Repeat(settings.Greeting, settings.Repeat));
        return new Reply
        {
            Text = Markup.Format($"{greeting}, {name}! (greeting #{counter.Next()})"),
            Buttons = [new ReplyButton("sample.wave", "Wave", name)],
        };
    }

    [Button("sample.wave")]
    public CommandResult Wave(string value) => new Reply { Text = Markup.Format($"{Context.User.Name} waves at {value}.") };
}
