using CoalitionBot.Plugins.Stakeholders;

namespace CoalitionBot.Plugins.Tests.Stakeholders;

public class CsvTests
{
    [Fact]
    public void Read_QuotedCommasQuotesAndNewlines_AreOneValue()
    {
        const string text = "name,notes\r\n\"Ruiz, Ana\",\"She said \"\"yes\"\"\nthen left\"\r\nSoto,plain\n";

        var records = Csv.Read(new StringReader(text)).ToList();

        records.Should().HaveCount(3);
        records[0].Fields.Should().Equal("name", "notes");
        records[1].Fields.Should().Equal("Ruiz, Ana", "She said \"yes\"\nthen left");
        records[2].Fields.Should().Equal("Soto", "plain");
        records.Select(r => r.Row).Should().Equal(1, 2, 4);
    }

    [Fact]
    public void Read_BlankLinesAndMissingFinalNewline_AreFine()
    {
        var records = Csv.Read(new StringReader("a,b\n\n1,\n,2")).ToList();

        records.Select(r => string.Join('|', r.Fields)).Should().Equal("a|b", "1|", "|2");
    }

    [Fact]
    public void Read_UnclosedQuote_SaysWhere()
    {
        var read = () => Csv.Read(new StringReader("name\n\"Ruiz\nSoto\n")).ToList();

        read.Should().Throw<CsvFormatException>().WithMessage("row 2: a quoted value is never closed*");
    }

    [Fact]
    public void WriteThenRead_AnyText_RoundTrips()
    {
        string?[] values = ["plain", "with, comma", "with \"quotes\"", "two\r\nlines", " padded ", string.Empty, null, "ñandú"];
        var writer = new StringWriter();

        Csv.WriteRow(writer, values);
        var back = Csv.Read(new StringReader(writer.ToString())).Single().Fields;

        back.Should().Equal(values.Select(v => v ?? string.Empty));
        writer.ToString().Should().StartWith("plain,\"with, comma\",\"with \"\"quotes\"\"\",");
    }

    [Fact]
    public void WriteRowsThenRead_QuotedNewlinesCommasAndQuotes_RoundTripOnTheirRows()
    {
        string?[][] rows =
        [
            ["name", "notes"],
            ["Ruiz, Ana", "said \"yes\"\r\nthen \"maybe\",\nthen left"],
            ["Soto", "\"quoted\" at both ends\""],
            ["\n", ","],
        ];
        var writer = new StringWriter();

        Csv.WriteRows(writer, rows);
        var back = Csv.Read(new StringReader(writer.ToString())).ToList();

        back.Select(r => r.Fields).Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
        back.Select(r => r.Row).Should().Equal(1, 2, 5, 6);
        writer.ToString().Should().StartWith("name,notes\r\n\"Ruiz, Ana\",\"said \"\"yes\"\"\r\nthen \"\"maybe\"\",\nthen left\"\r\n");
    }

    [Fact]
    public void Read_QuoteInsideOrAfterAValue_IsKeptAsText()
    {
        var records = Csv.Read(new StringReader("a\"b,\"ab\"c\n")).ToList();

        records.Single().Fields.Should().Equal("a\"b", "abc");
    }

    [Fact]
    public void WriteThenRead_UnpairedSurrogate_ReadsBackAsReplacementCharacter()
    {
        var writer = new StringWriter();

        Csv.WriteRow(writer, ["a\uD800b"]);

        Csv.Read(new StringReader(writer.ToString())).Single().Fields.Should().Equal("a\uFFFDb");
    }
}
