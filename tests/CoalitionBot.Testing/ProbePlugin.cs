using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Testing;

/// <summary>A plugin for adapter tests: echoes the typed values it received, waits on a gate, and answers buttons.</summary>
public sealed class ProbePlugin : BotPlugin
{
    public override string Name => "probe";

    public override string Description => "Test probe for adapters.";

    public override IEnumerable<Type> Modules => [typeof(ProbeCommands)];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ProbeGate>();
}

/// <summary>Lets a test hold <c>/probe slow</c> until it says so.</summary>
public sealed class ProbeGate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public sealed class ProbeCommands(ProbeGate gate) : CommandModule
{
    [Command("probe echo", "Echo the typed values")]
    public CommandResult Echo(
        [Option("A person")] UserRef who,
        [Option("A channel")] ChannelRef where,
        [Option("A note")] string? note = null,
        [Option("A count")] int count = 1) =>
        new Reply
        {
            Text = Markup.Format($"who={who.Id} name={who.Name} where={where.Id} channel={where.Name} note={note} count={count} role={Context.Role} lang={Context.Culture.TwoLetterISOLanguageName} tenant={Context.Tenant} caller={Context.User.Id}"),
        };

    [Command("probe say", "Say the text back, in the channel")]
    public CommandResult Say([Option("Text", Remainder = true)] string text) => new Reply { Text = Markup.Format($"You said: {text}") };

    [Command("probe slow", "Wait until the test releases the gate")]
    public async Task<CommandResult> SlowAsync(CancellationToken cancellationToken)
    {
        gate.Entered.TrySetResult();
        await gate.Release.Task.WaitAsync(cancellationToken);
        return new Reply { Text = "slow done" };
    }

    [Command("probe buttons", "A reply with buttons")]
    public CommandResult Buttons() => new Reply
    {
        Text = "Pick one",
        Buttons = [new ReplyButton("probe.pick", "Pick A", "a", ButtonStyle.Primary), new ReplyButton("probe.swap", "Swap", "b")],
    };

    [Command("probe picture", "A reply with an image")]
    public CommandResult Picture([Option("Only for me?")] bool secret = false) => TestPictures.Reply(secret);

    [Command("probe leads", "Only for leads", Role = Role.Lead)]
    public CommandResult Leads() => new Reply { Text = Markup.Format($"lead area, role={Context.Role}") };

    [Button("probe.pick")]
    public CommandResult Pick(string value) => new Reply { Text = Markup.Format($"picked {value} by {Context.User.Id}") };

    [Button("probe.picture")]
    public CommandResult PictureButton(string value) => value == "update" ? CommandResult.Update(TestPictures.Reply(ephemeral: false)) : TestPictures.Reply(ephemeral: value == "secret");

    [Button("probe.swap")]
    public CommandResult Swap(string value) => CommandResult.Update(new Reply { Text = Markup.Format($"swapped {value}") });
}

/// <summary>A small real PNG on a reply, for the adapters' image delivery tests.</summary>
public static class TestPictures
{
    /// <summary>The PNG every test reply carries (drawn once, so tests can compare bytes).</summary>
    public static byte[] Png { get; } = Core.Pictures.Picture.Png(64, 40, canvas => canvas.Canvas.DrawCircle(32, 20, 12, canvas.Fill(Core.Pictures.PicturePalette.Blue)));

    public static Reply Reply(bool ephemeral) => new()
    {
        Text = "Here is the picture",
        Ephemeral = ephemeral,
        Attachments = [new ReplyAttachment(Png, "picture.png", "A blue dot")],
    };
}
