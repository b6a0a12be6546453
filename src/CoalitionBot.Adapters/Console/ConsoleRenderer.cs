using System.Text;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Console;

/// <summary>Renders a neutral reply as plain text for the console chat: title, body, fields, bullets, footer and numbered buttons.</summary>
public static class ConsoleRenderer
{
    public static string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(reply.Title))
        {
            text.Append("== ").Append(reply.Title.Trim()).AppendLine(" ==");
        }

        if (!string.IsNullOrWhiteSpace(reply.Text))
        {
            text.AppendLine(Markup.ToPlainText(reply.Text).TrimEnd());
        }

        foreach (var field in reply.Fields)
        {
            var value = Markup.ToPlainText(field.Value).TrimEnd();
            var block = value.Contains('\n', StringComparison.Ordinal) || field.Name.Length + value.Length > 72;
            text.Append(field.Name.TrimEnd(':', '.')).Append(':')
                .Append(block ? "\n  " + value.Replace("\n", "\n  ", StringComparison.Ordinal) : " " + value)
                .AppendLine();
        }

        foreach (var bullet in reply.Bullets)
        {
            text.Append("• ").AppendLine(Markup.ToPlainText(bullet).TrimEnd());
        }

        if (!string.IsNullOrWhiteSpace(reply.Footer))
        {
            text.Append("— ").AppendLine(Markup.ToPlainText(reply.Footer).TrimEnd());
        }

        if (reply.Buttons.Count > 0)
        {
            text.AppendLine(string.Join("  ", reply.Buttons.Select((b, i) => $"[{i + 1}] {b.Label}")));
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Renders a command's result; failures are marked so they stand out in a transcript.</summary>
    public static string Render(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var body = Render(result.Reply);
        return result.IsSuccess ? body : "! " + body;
    }
}
