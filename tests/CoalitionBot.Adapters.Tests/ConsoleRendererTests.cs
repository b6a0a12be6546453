using CoalitionBot.Adapters.Console;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Tests;

public class ConsoleRendererTests
{
    [Fact]
    public void Render_FullReply_ShowsEveryPartInOrder()
    {
        var reply = new Reply
        {
            Title = "Task #12",
            Text = Markup.Format($"**{"Call Ruiz"}** for <@ana>"),
            Fields = [new ReplyField("Due", "Friday"), new ReplyField("Stakeholder", "Council Member Ruiz")],
            Bullets = ["first", "second"],
            Footer = "Use `/task done 12` when finished",
            Buttons = [new ReplyButton("task.done", "Done", "12"), new ReplyButton("task.cant", "Can't do it", "12")],
        };

        ConsoleRenderer.Render(reply).Should().Be(
            """
            == Task #12 ==
            Call Ruiz for @ana
            Due: Friday
            Stakeholder: Council Member Ruiz
            • first
            • second
            — Use /task done 12 when finished
            [1] Done  [2] Can't do it
            """.ReplaceLineEndings("\n").Replace("\n", Environment.NewLine, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Failure_IsMarked()
    {
        ConsoleRenderer.Render(CommandResult.Invalid("Missing `title`.")).Should().Be("! Missing title.");
    }

    [Fact]
    public void Render_UserTextWithMarkup_ShowsItLiterally()
    {
        var reply = new Reply { Text = Markup.Format($"Title: {"**not bold** <@everyone>"}") };

        ConsoleRenderer.Render(reply).Should().Be("Title: **not bold** <@everyone>");
    }
}
