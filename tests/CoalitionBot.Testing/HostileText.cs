using CsCheck;

namespace CoalitionBot.Testing;

/// <summary>Generators of text people and attackers type: every UTF-16 unit (lone surrogates too), markup and quote characters,
/// and the fragments parsers give a meaning to (mentions, links, named options), mixed in runs.</summary>
public static class HostileText
{
    /// <summary>The characters that mean something to one of our parsers or to a platform's markup.</summary>
    public const string Meaningful = "\"“”„«»\\:*_~`[]()<>@#&!|^-+=.,;/?%\n\r\t 0123456789aZé";

    private static readonly string[] Fragments =
    [
        "https://", "http://evil.example/p", "mailto:", "<@U1>", "<@!123>", "<#C1|general>", "<!channel>", "<!here>", "@everyone",
        "@here", "<@&5>", "**", "~~", "_", "`", "[x](https://evil.example)", "](", "due:", "title:\"", "note:", "\\\"", "&amp;",
        "&lt;", "\ud800", "\udc00", "\ud83d\ude00", "\u200b", "\u202e", "\0", "1.", "\n-", "\n#", "\n> ", "::", "1:1", "  ",
    ];

    /// <summary>One character from anywhere in UTF-16, including unpaired surrogates and controls.</summary>
    public static Gen<char> AnyChar { get; } = Gen.Frequency(
        (4, Gen.Char[Meaningful]),
        (2, Gen.Char['a', 'z']),
        (1, Gen.Char),
        (1, Gen.Char['\ud800', '\udfff']));

    /// <summary>A short piece: a run of characters or a meaningful fragment.</summary>
    public static Gen<string> Piece { get; } = Gen.Frequency(
        (3, AnyChar.Array[1, 6].Select(c => new string(c))),
        (2, Gen.OneOfConst(Fragments)));

    /// <summary>Text of up to <paramref name="maxPieces"/> pieces.</summary>
    public static Gen<string> Text(int maxPieces = 24) => Piece.Array[0, maxPieces].Select(string.Concat);
}
