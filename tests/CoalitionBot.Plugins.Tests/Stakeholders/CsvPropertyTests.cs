using System.Text;
using CoalitionBot.Plugins.Stakeholders;
using CoalitionBot.Testing;
using CsCheck;

namespace CoalitionBot.Plugins.Tests.Stakeholders;

/// <summary>Properties of the CSV reader and writer: what is written reads back as the same rows, and any text reads or is refused.</summary>
public class CsvPropertyTests
{
    private static readonly Gen<string> Field = Gen.Frequency(
        (4, HostileText.Text(6)),
        (1, Gen.OneOfConst(string.Empty, " ", "\"", "\"\"", ",", "\r\n", "\r", "\n", " lead", "trail ", "a\"b", "=1+1")));

    [Fact]
    public void WriteRowThenRead_AnyRows_GivesTheSameRows()
    {
        Field.Array[1, 6].Array[1, 8].Sample(rows =>
        {
            using var writer = new StringWriter();
            foreach (var row in rows)
            {
                Csv.WriteRow(writer, row);
            }

            var back = Csv.Read(new StringReader(writer.ToString())).Select(r => r.Fields).ToList();

            back.Should().HaveCount(rows.Length);
            for (var i = 0; i < rows.Length; i++)
            {
                back[i].Should().Equal(rows[i].Select(AsUtf8), "row {0} of {1}", i, writer.ToString());
            }
        }, iter: 1000);
    }

    // A CSV file is UTF-8, which has no unpaired surrogates: they come back as U+FFFD, like any UTF-8 encoder writes them.
    private static string AsUtf8(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Read_AnyText_ReadsOrRefusesAsCsv()
    {
        Gen.OneOf(HostileText.Text(40), Field.Array[0, 30].Select(string.Concat)).Sample(text =>
        {
            try
            {
                var records = Csv.Read(new StringReader(text)).ToList();
                records.Select(r => r.Row).Should().BeInAscendingOrder();
            }
            catch (CsvFormatException ex)
            {
                ex.Message.Should().StartWith("row ");
            }
        }, iter: 2000);
    }

    [Fact]
    public void WriteRow_OneEmptyValue_ReadsBackAsARow()
    {
        using var writer = new StringWriter();
        Csv.WriteRow(writer, [string.Empty]);

        Csv.Read(new StringReader(writer.ToString())).Single().Fields.Should().Equal(string.Empty);
    }
}
