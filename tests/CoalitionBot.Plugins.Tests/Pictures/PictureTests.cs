using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Pictures;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Campaigns;
using CoalitionBot.Plugins.Shared;
using CoalitionBot.Plugins.Stakeholders;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace CoalitionBot.Plugins.Tests.Pictures;

/// <summary>Decodes the images the bot draws and checks what they must show: size, dots in the right wedge, real glyphs, the reader's language.</summary>
public class PictureTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 16, 0, 0, TimeSpan.Zero);

    /// <summary>The sample data the README images are drawn from (docs/pictures/sample.txt), run through the bot.</summary>
    private static async Task<TestUser> SampleAsync(TestBot bot, Platform platform = Platform.Console, string? locale = null)
    {
        var lead = bot.As(platform, Role.Lead, user: "lena", locale: locale);
        var script = await File.ReadAllLinesAsync(Path.Combine(RepoRoot(), "docs", "pictures", "sample.txt"));
        TestReply? last = null;
        foreach (var line in script.Where(l => l.StartsWith('/') && !l.StartsWith("/as ", StringComparison.Ordinal) && !l.EndsWith(" map", StringComparison.Ordinal) && !l.EndsWith(" status", StringComparison.Ordinal)))
        {
            last = line == "/press confirm" ? await lead.PressAsync(last!.Reply.Buttons[0]) : await lead.SendAsync(line);
            last.IsSuccess.Should().BeTrue($"{line}: {last.Text}");
        }

        return lead;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CoalitionBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static SKBitmap Decode(ReplyAttachment image)
    {
        image.FileName.Should().EndWith(".png");
        return SKBitmap.Decode(image.Content) ?? throw new InvalidOperationException("not a PNG");
    }

    [Fact]
    public async Task StakeholderMap_SampleData_AttachesTheSpectrumAsPng()
    {
        await using var bot = await TestBot.StartAsync(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now), plugins: ["stakeholders", "campaigns"]);
        await SampleAsync(bot);

        var reply = await bot.As(Platform.Console).SendAsync("/stakeholder map");

        var image = reply.Reply.Attachments.Should().ContainSingle().Subject;
        using var bitmap = Decode(image);
        bitmap.Width.Should().Be(SpectrumPicture.Width);
        bitmap.Height.Should().Be(SpectrumPicture.Height);
        image.FileName.Should().Be("map.png");
        image.AltText.Should().Contain("Active ally 3").And.Contain("Neutral 3").And.Contain("not yet assessed 2");
        reply.Text.Should().Contain("Active ally (3)");
    }

    [Fact]
    public void SpectrumPicture_SixtyPeople_EachDotLiesInItsStanceWedgeByPixelColour()
    {
        var people = Sample(60);
        var (image, layout) = SpectrumPicture.Render(people, people.Where(p => p.Id % 7 == 0).Select(p => p.Id).ToHashSet(), "Spectrum of allies", Now, Context("en"));

        using var bitmap = Decode(image);
        layout.Dots.Should().NotBeEmpty();
        foreach (var dot in layout.Dots)
        {
            var angle = MathF.Atan2(layout.CenterY - dot.Y, dot.X - layout.CenterX) * 180f / MathF.PI;
            var (from, to) = SpectrumPicture.Angles(dot.Person.Stance);
            angle.Should().BeInRange(from, to, dot.Person.Name);
            bitmap.GetPixel((int)MathF.Round(dot.X), (int)MathF.Round(dot.Y)).Should().Be(SpectrumPicture.Color(dot.Person.Stance), dot.Person.Name);
        }

        foreach (var wedge in layout.Wedges)
        {
            (layout.Dots.Count(d => d.Person.Stance == wedge.Stance) + wedge.Hidden).Should().Be(wedge.Count);
        }

        layout.Wedges.Sum(w => w.Hidden).Should().BePositive("sixty people do not all fit: the rest are counted as +N more");
        layout.Texts.Should().Contain(t => t.Contains("more", StringComparison.Ordinal));
    }

    [Fact]
    public void SpectrumPicture_Labels_NeverOverlap()
    {
        var people = Sample(60);
        var (_, layout) = SpectrumPicture.Render(people, new HashSet<long>(), "Spectrum", Now, Context("en"));

        var boxes = layout.Dots.Select(d => new SKRect(d.X - 20, d.Y - d.Radius, d.X + 20, d.Y + d.Radius + 18)).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                boxes[i].IntersectsWith(boxes[j]).Should().BeFalse($"{layout.Dots[i].Label} and {layout.Dots[j].Label}");
            }
        }
    }

    [Fact]
    public void PictureFonts_SpanishVietnameseAndSymbols_AllHaveGlyphs_NoTofu()
    {
        var people = Sample(5);
        people[0].Name = "Nguyễn Thị Hương";
        people[1].Name = "Peña Ñuñoa, Sí";
        people[2].Name = "Coalición ☮ por la paz";
        people[3].Name = "Smile 😀 漢字";
        var (_, layout) = SpectrumPicture.Render(people, new HashSet<long>(), "Espectro de aliados — Córdoba", Now, Context("es"));

        layout.Texts.Should().Contain("Nguyễn Thị Hương").And.Contain(t => t.StartsWith("Peña Ñuñoa", StringComparison.Ordinal));
        layout.Texts.Should().OnlyContain(t => PictureFonts.Covers(t));
        PictureFonts.FaceFor('ễ').Should().Be(PictureFonts.Primary);
        PictureFonts.FaceFor('☮').Should().Be(PictureFonts.Fallback, "the primary font lacks it, so the fallback draws it");
        PictureFonts.Prepare("Kanji 漢").Should().Be("Kanji ?", "a character neither font has is drawn as ?, never as an empty box");
        using var font = new SKFont(PictureFonts.Primary);
        font.GetGlyphs("Nguyễn Thị Hương Peña").Should().NotContain((ushort)0);
    }

    [Fact]
    public async Task Pictures_Spanish_LabelsAreSpanish()
    {
        await using var bot = await TestBot.StartAsync(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now), plugins: ["stakeholders", "campaigns"]);
        await SampleAsync(bot);
        var people = await bot.InTenantAsync(TestBot.DefaultTenant(Platform.Console), sp => sp.GetRequiredService<StakeholdersDbContext>().Stakeholders.AsNoTracking().ToListAsync());

        var (_, map) = SpectrumPicture.Render(people, new HashSet<long>(), "Espectro de aliados", Now, Context("es"));
        var reply = await bot.As(Platform.Console, locale: "es").SendAsync("/stakeholder map");

        map.Texts.Should().Contain("Aliado activo").And.Contain("Opositor pasivo").And.Contain("Mover ahora").And.Contain(t => t.StartsWith("Sin evaluar", StringComparison.Ordinal));
        map.Texts.Should().NotContain("Active ally");
        reply.Reply.Attachments.Single().AltText.Should().Contain("Aliado activo 3");
        reply.Reply.Attachments.Single().Language.Should().Be("es");
    }

    [Fact]
    public async Task CampaignStatus_SampleData_CardShowsCurrentStepAndMetricBars()
    {
        await using var bot = await TestBot.StartAsync(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now), plugins: ["stakeholders", "campaigns"]);
        await SampleAsync(bot);

        var reply = await bot.As(Platform.Console).SendAsync("/campaign status");

        var image = reply.Reply.Attachments.Should().ContainSingle().Subject;
        using var bitmap = Decode(image);
        bitmap.Width.Should().Be(CampaignPictures.Width);
        bitmap.Height.Should().Be(CampaignPictures.CardHeight(2));
        image.AltText.Should().Contain("step 2 of 6").And.Contain("3 upcoming key dates").And.Contain("2 metrics");
    }

    [Fact]
    public async Task CampaignCard_Layout_MarksCurrentStepAndFillsBarsToTheirFraction()
    {
        await using var bot = await TestBot.StartAsync(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now), plugins: ["stakeholders", "campaigns"]);
        await SampleAsync(bot);
        var (image, layout) = await bot.InTenantAsync(TestBot.DefaultTenant(Platform.Console), async sp =>
        {
            var campaign = await sp.GetRequiredService<CampaignsDbContext>().Campaigns.SingleAsync();
            var snapshot = await sp.GetRequiredService<CampaignProgress>().ReadAsync(campaign, default);
            return CampaignPictures.Card(snapshot, sp.GetRequiredService<LanguageCatalogs>().ReaderFor("es", TimeZoneInfo.Utc, Now));
        });

        using var bitmap = Decode(image);
        var current = layout.Steps.Single(s => s.Step == CampaignStep.Education);
        bitmap.GetPixel((int)current.X + 15, (int)current.Y).Should().Be(CampaignPictures.Current, "the current step is marked in blue");
        var done = layout.Steps.Single(s => s.Step == CampaignStep.InformationGathering);
        bitmap.GetPixel((int)done.X + 15, (int)done.Y).Should().Be(CampaignPictures.Done);
        var signatures = layout.Bars.Single(b => b.Metric.Name == "signatures");
        (signatures.FilledTo - signatures.Bar.Left).Should().BeApproximately(signatures.Bar.Width * 0.64f, 0.5f);
        bitmap.GetPixel((int)(signatures.Bar.Left + 10), (int)signatures.Bar.MidY).Should().Be(CampaignPictures.Current);
        bitmap.GetPixel((int)(signatures.FilledTo + 10), (int)signatures.Bar.MidY).Should().Be(PicturePalette.Track);
        layout.DatesShown.Should().Be(3);
        layout.Texts.Should().Contain("Paso actual").And.Contain("Fechas clave").And.Contain("Indicadores").And.Contain("3.200 / 5.000");
    }

    [Fact]
    public async Task MetricHistory_KeepsEachReadingWithItsTime_AndDrawsTheTrend()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        await using var bot = await TestBot.StartAsync(clock, plugins: ["stakeholders", "campaigns"]);
        var lead = await SampleAsync(bot);
        clock.Advance(TimeSpan.FromDays(7));
        await lead.SendAsync("/campaign metric signatures 3900");
        clock.Advance(TimeSpan.FromDays(7));
        await lead.SendAsync("/campaign metric signatures 4600");

        var trend = await bot.As(Platform.Console).SendAsync("/campaign trend signatures");
        var viaMetric = await lead.SendAsync("/campaign metric signatures history");
        var unknown = await bot.As(Platform.Console).SendAsync("/campaign trend donations");
        var history = await bot.As(Platform.Console).SendAsync("/campaign history");

        trend.IsSuccess.Should().BeTrue(trend.Text);
        trend.Text.Should().Contain("4,600/5,000").And.Contain("3,900/5,000").And.Contain("3,200/5,000");
        var image = trend.Reply.Attachments.Should().ContainSingle().Subject;
        using (var bitmap = Decode(image))
        {
            bitmap.Width.Should().Be(CampaignPictures.Width);
            bitmap.Height.Should().Be(CampaignPictures.TrendHeight);
        }

        image.AltText.Should().Contain("3 readings, from 3,200 to 4,600; goal 5,000");
        viaMetric.Reply.Attachments.Should().ContainSingle().Which.FileName.Should().Be("trend.png");
        unknown.Kind.Should().Be(ResultKind.NotFound);
        unknown.Text.Should().Contain("Metrics: endorsements, signatures");
        history.Text.Should().Contain("signatures 4600/5000 (was 3900/5000)");
        history.Reply.Attachments.Select(a => a.FileName).Should().Equal("trend-1.png", "trend-2.png");
        history.Reply.Attachments[0].AltText.Should().StartWith("Line chart of endorsements").And.Contain("1 reading,");
        history.Reply.Attachments[1].AltText.Should().StartWith("Line chart of signatures").And.Contain("3 readings, from 3,200 to 4,600");
        using (var chart = Decode(history.Reply.Attachments[1]))
        {
            chart.Height.Should().Be(CampaignPictures.TrendHeight);
        }
        var samples = await bot.InTenantAsync(TestBot.DefaultTenant(Platform.Console), sp => sp.GetRequiredService<CampaignsDbContext>().MetricSamples.AsNoTracking().ToListAsync());
        samples.Where(s => s.Value >= 3200).Select(s => (s.Value, s.At)).Should().BeEquivalentTo(new[] { (3200L, Now), (3900L, Now.AddDays(7)), (4600L, Now.AddDays(14)) });
    }

    [Fact]
    public async Task CampaignHistory_MoreMetricsThanCharts_DrawsTheFirstByNameAndSaysHowToSeeTheRest()
    {
        await using var bot = await TestBot.StartAsync(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now), plugins: ["stakeholders", "campaigns"]);
        var lead = await SampleAsync(bot);
        (await lead.SendAsync("/campaign metric volunteers 12/40")).IsSuccess.Should().BeTrue();
        (await lead.SendAsync("/campaign metric donations 900/5000")).IsSuccess.Should().BeTrue();

        var history = await bot.As(Platform.Console).SendAsync("/campaign history");
        var spanish = await bot.As(Platform.Console, locale: "es").SendAsync("/campaign history");

        history.Reply.Attachments.Select(a => a.AltText.Split(" in ")[0]).Should().Equal("Line chart of donations", "Line chart of endorsements", "Line chart of signatures");
        history.Reply.Footer.Should().Contain("Charts of 3 of 4 metrics").And.Contain("/campaign trend");
        spanish.Reply.Attachments.Should().HaveCount(3).And.OnlyContain(a => a.AltText.StartsWith("Gráfica de", StringComparison.Ordinal));
        spanish.Reply.Footer.Should().Contain("Gráficas de 3 de 4 indicadores");
    }

    /// <summary>The built-in catalogs (Core's and the plugins'), for pictures drawn outside a bot.</summary>
    private static readonly LanguageCatalogs Catalogs = LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly, typeof(SpectrumPicture).Assembly], directory: null);

    private static CommandContext Context(string language) => new()
    {
        Caller = new Caller(TestBot.DefaultTenant(Platform.Console), Platform.Console, new UserRef("ana", "ana"), null, Role.Member, language),
        Role = Role.Member,
        Culture = CultureInfo.GetCultureInfo(language == "es" ? "es" : "en-US"),
        Language = language,
        Strings = new CatalogStringLocalizer(Catalogs, language, CultureInfo.GetCultureInfo(language == "es" ? "es" : "en-US")),
        Languages = Catalogs,
        TimeZone = TimeZoneInfo.Utc,
        CorrelationId = "test",
    };

    private static List<Stakeholder> Sample(int count)
    {
        var stances = new[] { Stance.ActiveAlly, Stance.PassiveAlly, Stance.Neutral, Stance.PassiveOpponent, Stance.ActiveOpponent, Stance.Unknown };
        var influences = new[] { Influence.High, Influence.Medium, Influence.Low };
        return Enumerable.Range(1, count).Select(i => new Stakeholder
        {
            Id = i,
            Name = $"Council Member Number {i}",
            NameKey = $"council member number {i:D3}",
            Stance = stances[i % stances.Length],
            Influence = influences[i % influences.Length],
        }).ToList();
    }
}
